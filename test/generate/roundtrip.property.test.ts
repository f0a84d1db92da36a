import fc from 'fast-check';
import path from 'node:path';
import { renderService } from '../../src/generate/generate';
import { verifyService } from '../../src/generate/verify';
import { loadSpecs, normalizeStrings, parseService } from '../../src/spec-api/load';
import type { Service } from '../../src/spec-api/schema';
import { REPO } from '../support/tmp';

/**
 * No spec string can break or inject HCL: random strings, weighted toward
 * template sequences, quotes, escapes, comment and heredoc markers and
 * non-ASCII, go through rendering and come back from hcl2json exactly equal
 * (verify compares every env value, description and config value).
 */
const specs = loadSpecs(path.join(REPO, 'specs'));
const STRINGS_PER_SERVICE = 50;
const RUNS = 200; // 200 x 50 = 10,000 strings

const tricky = fc.constantFrom(
  '${',
  '%{',
  '$${',
  '%%{',
  '$$',
  '}',
  '"',
  '\\',
  '\\n',
  '\n',
  '\r\n',
  '\t',
  '#',
  '//',
  '/*',
  '*/',
  '<<EOT',
  'EOT',
  '<<-EOT',
  '=',
  'é',
  '日本',
  '😀',
  '\u0000',
  '\u007f',
  '\u2028',
  ' ',
);
const piece = fc.oneof({ arbitrary: tricky, weight: 3 }, { arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }), weight: 1 });
const hostile = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

function serviceWith(strings: string[]): Service {
  const env = Object.fromEntries(strings.slice(0, 20).map((s, i) => [`VALUE_${i}`, s]));
  const variables = Object.fromEntries(
    strings.slice(20, 30).map((s, i) => [`v_${i}`, { description: `d${s}`, type: 'string' as const, default: s }]),
  );
  const config = { values: strings.slice(30, 40), nested: Object.fromEntries(strings.slice(40).map((s, i) => [`k${i}`, { deeper: [s] }])) };
  return parseService(
    normalizeStrings({
      name: 'roundtrip',
      description: 'Round-trip test service',
      containers: [
        {
          name: 'app',
          image: { name: 'example/app', tag: '1.0.0' },
          env,
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
          volumeMounts: [{ volume: 'config', mountPath: '/etc/app' }],
        },
      ],
      configMaps: { config: { files: { 'app.yml': { yaml: config }, 'app.json': { json: config } } } },
      variables,
    }),
  );
}

test(`${RUNS * STRINGS_PER_SERVICE} hostile strings survive generate + hcl2json unchanged`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(hostile, { minLength: STRINGS_PER_SERVICE, maxLength: STRINGS_PER_SERVICE }), async (strings) => {
      const service = serviceWith(strings);
      const files = renderService(specs.stack, { spec: service, file: 'specs/roundtrip.ts' }, { modulesDir: 'modules-k8s' });
      const mismatches = await verifyService(service, specs, files);
      expect(mismatches).toEqual([]);
    }),
    { numRuns: RUNS },
  );
});

test('strings are normalised to NFC, as HCL itself does', () => {
  const service = serviceWith(Array.from({ length: STRINGS_PER_SERVICE }, () => '\uF900e\u0301'));
  expect(service.components[0]!.containers[0]!.env['VALUE_0']).toBe('\u8C48\u00E9');
});

test('verify names the file and value when the HCL does not carry the spec', async () => {
  const service = serviceWith(Array.from({ length: STRINGS_PER_SERVICE }, (_, i) => `value ${i}`));
  const files = renderService(specs.stack, { spec: service, file: 'specs/roundtrip.ts' }, { modulesDir: 'modules-k8s' });
  const broken = files.map((f) => (f.path.endsWith('main.tf') ? { ...f, content: f.content.replace('"value 3"', '"value three"') } : f));
  const mismatches = await verifyService(service, specs, broken);
  expect(mismatches).toEqual([
    {
      file: 'modules-k8s/roundtrip/main.tf',
      what: 'container "app" env VALUE_3',
      expected: { value: 'value 3' },
      actual: { value: 'value three' },
    },
  ]);
});
