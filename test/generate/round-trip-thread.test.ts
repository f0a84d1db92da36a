import fs from 'node:fs';
import path from 'node:path';
import { renderAll, type GeneratedFile } from '../../src/generate/generate';
import { inThreadParser, roundTripParser, type RoundTripParser } from '../../src/generate/round-trip';
import { describeMismatch, verifyAll } from '../../src/generate/verify';
import { ThreadError, VerifyError } from '../../src/errors';
import { loadSpecs } from '../../src/spec-api/load';
import { REPO, tempDir } from '../support/tmp';

/**
 * The round trip on a worker thread (the built executable's entry) gives what
 * hcl2json in this thread gives: the same values, mismatches and parse errors;
 * a thread that fails or exits ends the run with a ThreadError, not a hang.
 */
const OWN_ENTRY = path.join(REPO, 'dist', 'bin', 'round-trip-worker.js');
const FAULT = 'GEN_MODULES_ROUND_TRIP_FAULT';

beforeAll(() => {
  for (const file of [OWN_ENTRY]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
});

const opened: RoundTripParser[] = [];
afterEach(() => {
  for (const parser of opened.splice(0)) parser.close();
});

function threadParser(entry = OWN_ENTRY): RoundTripParser {
  const parser = roundTripParser(entry, 1);
  opened.push(parser);
  return parser;
}

/** What a promise gives: its value, or the class and message of its error. */
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const stack = loadSpecs(path.join(REPO, 'specs'));
const stackFiles = renderAll(stack, { modulesDir: 'modules-k8s' });

function edited(files: GeneratedFile[], file: string, from: string | RegExp, to: string): GeneratedFile[] {
  let hits = 0;
  const result = files.map((f) => {
    if (!f.path.endsWith(file)) return f;
    const content = f.content.replace(from, to);
    if (content !== f.content) hits++;
    return { ...f, content };
  });
  if (hits === 0) throw new Error(`no ${file} has ${String(from)}`);
  return result;
}

const TEXTS: Array<[string, string]> = [
  ['heredoc.tf', 'locals {\n  script = <<-EOT\n    echo ${var.x}\n    %{ if true }yes%{ endif }\n  EOT\n}\n'],
  ['blocks.tf', 'resource "kubernetes_deployment" "a" {\n  metadata { name = "a" }\n  spec { replicas = 2 }\n}\n'],
  ['yaml.tf', 'locals {\n  body = yamlencode({ a = [1, 2], b = merge(local.x, { c = "d" }) })\n}\n'],
  ['broken.tf', 'locals {\n  a = {\n'],
  ['unicode.tf', 'locals {\n  a = "é ✓ \\u00e9"\n}\n'],
];

describe('the round trip on a worker thread', () => {
  // One thread for the tests that do not stop it (starting one costs a few hundred ms).
  let thread: RoundTripParser;
  beforeAll(() => {
    thread = roundTripParser(OWN_ENTRY, 1);
  });
  afterAll(() => thread.close());

  test.each(TEXTS)('parses %s as hcl2json in this thread does (values and errors)', async (name, text) => {
    expect(await outcome(thread.parse(name, text))).toEqual(await outcome(inThreadParser.parse(name, text)));
  });

  test('verifies the built-in stack as in this thread: nothing found, and the same mismatches in edited modules', async () => {
    expect(await verifyAll(stack, stackFiles, undefined, undefined, thread)).toEqual([]);
    // One edit the first parse shows, one inside a yamlencode() body (the second parse).
    const broken = edited(
      edited(stackFiles, 'grafana/variables.tf', '"11.4.0"', '"11.3.0"'),
      'prometheus/main.tf',
      /scrape_interval\s*=\s*"[^"]+"/,
      'scrape_interval = "1h"',
    );
    const inThread = (await verifyAll(stack, broken)).map(describeMismatch);
    expect(inThread.map((line) => line.replace(/:.*/s, ''))).toEqual([
      'modules-k8s/prometheus/main.tf',
      'modules-k8s/grafana/variables.tf',
      'modules-k8s/grafana/variables.tf',
    ]);
    expect((await verifyAll(stack, broken, undefined, undefined, thread)).map(describeMismatch)).toEqual(inThread);
  });

  test('a rendered module hcl2json cannot parse is the same VerifyError either way, naming the module', async () => {
    const unparsable = edited(stackFiles, 'grafana/main.tf', /^resource /m, 'resource {\n');
    const inThread = await outcome(verifyAll(stack, unparsable));
    expect(inThread).toEqual({
      error: expect.stringMatching(/^VerifyError: .*\nmodules-k8s\/grafana: hcl2json cannot parse the generated HCL: /),
    });
    expect(await outcome(verifyAll(stack, unparsable, undefined, undefined, thread))).toEqual(inThread);
    await expect(verifyAll(stack, unparsable, undefined, undefined, thread)).rejects.toBeInstanceOf(VerifyError);
  });

  test('with a backlog, a second thread shares the parses; every answer is the one asked for', async () => {
    const parser = roundTripParser(OWN_ENTRY, 2);
    opened.push(parser);
    const many = Array.from({ length: 24 }, (_, i) => TEXTS[i % TEXTS.length]!);
    const answers = await Promise.all(many.map(([name, text]) => outcome(parser.parse(name, text))));
    const expected = await Promise.all(many.map(([name, text]) => outcome(inThreadParser.parse(name, text))));
    expect(answers).toEqual(expected);
  });

  test('close stops the thread, and a later parse starts another', async () => {
    const parser = threadParser();
    parser.close();
    expect(await parser.parse('a.tf', 'a = 1\n')).toEqual({ a: 1 });
    parser.close();
    expect(await parser.parse('b.tf', 'b = 2\n')).toEqual({ b: 2 });
  });

  test("a build without hcl2json's WebAssembly beside the entry fails the parse with a ThreadError saying so", async () => {
    const dir = tempDir('gen-modules-no-wasm-');
    const entry = path.join(dir, path.basename(OWN_ENTRY));
    fs.copyFileSync(OWN_ENTRY, entry);
    const parser = roundTripParser(entry, 1);
    opened.push(parser);
    expect(await outcome(parser.parse('a.tf', 'a = 1\n'))).toEqual({
      error: expect.stringMatching(
        /^ThreadError: the hcl2json round trip's worker thread could not load hcl2json's WebAssembly: (Error: )?ENOENT: no such file or directory, open '.*hcl2json\.wasm'; nothing was written$/,
      ),
    });
  });

  describe.each([
    ['exit', /^ThreadError: the hcl2json round trip's worker thread stopped before it answered \(exit code 70\); nothing was written$/],
    [
      'throw',
      /^ThreadError: the hcl2json round trip's worker thread failed before it answered: GEN_MODULES_ROUND_TRIP_FAULT=throw; nothing was written$/,
    ],
  ])('a thread that dies (%s) mid-run', (fault, message) => {
    let parser: RoundTripParser;
    beforeEach(() => {
      // The thread reads the variable when it starts (it gets a copy of this environment).
      process.env[FAULT] = fault;
      parser = threadParser();
      parser.warmUp();
      delete process.env[FAULT];
    });

    test('fails every waiting parse and every later one with a ThreadError', async () => {
      const waiting = [parser.parse('a.tf', 'a = 1\n'), parser.parse('b.tf', 'b = 2\n')];
      for (const parse of waiting) expect(await outcome(parse)).toEqual({ error: expect.stringMatching(message) });
      await expect(parser.parse('c.tf', 'c = 3\n')).rejects.toBeInstanceOf(ThreadError);
    });

    test('ends verifyAll with that error, not a mismatch', async () => {
      expect(await outcome(verifyAll(stack, stackFiles, undefined, undefined, parser))).toEqual({ error: expect.stringMatching(message) });
    });
  });
});
