/**
 * Every attribute that hcl2json reads as a literal must evaluate, in the model, to
 * the same value. hcl2json writes HCL's JSON form, where `${` and `%{` in a
 * literal string stay escaped as `$${` and `%%{`.
 */
import { parse } from '@cdktf/hcl2json';
import * as path from 'node:path';
import { buildModules, discoverFiles } from '../../../src/terraform/load';
import type { Block, LVal, TfModule } from '../../../src/terraform/types';

const CORPUS = path.join(__dirname, '../../fixtures/hcl');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asHclJson(value: LVal): Json | undefined {
  switch (value.kind) {
    case 'string':
      return value.value.replace(/([$%])\{/g, '$1$1{');
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'tuple': {
      const items = value.items.map(asHclJson);
      return items.includes(undefined) ? undefined : (items as Json[]);
    }
    case 'object': {
      const out: Record<string, Json> = {};
      for (const entry of value.entries) {
        const inner = asHclJson(entry.value);
        if (inner === undefined) return undefined;
        out[entry.key] = inner;
      }
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/** True when hcl2json kept an expression (an unescaped `${` or `%{`) somewhere in the value. */
function hasExpression(json: unknown): boolean {
  return /(^|[^$%])[$%]\{/.test(JSON.stringify(json).replace(/\$\$\{|%%\{/g, ''));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** hcl2json's body of the `index`-th block with this type and labels inside `container`. */
function jsonBody(container: Record<string, unknown>, block: Block, index: number): Record<string, unknown> {
  const key = block.dynamic ? ['dynamic', block.type] : [block.type, ...block.labels];
  let node: unknown = container;
  for (const part of key) node = asRecord(node)[part];
  if (!Array.isArray(node)) throw new Error(`hcl2json has no ${key.join('.')}`);
  const body = asRecord(node[index]);
  // A dynamic block's body is its `content` block.
  return block.dynamic ? asRecord((body.content as unknown[])[0]) : body;
}

interface Comparison {
  where: string;
  model: Json | undefined;
  hcl2json: unknown;
}

function compareBlocks(blocks: Block[], container: Record<string, unknown>, where: string, out: Comparison[]): void {
  const seen = new Map<string, number>();
  for (const block of blocks) {
    const key = [block.dynamic ? 'dynamic' : '', block.type, ...block.labels].join('/');
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const body = jsonBody(container, block, index);
    const here = `${where} ${block.type}${block.labels.map((label) => `.${label}`).join('')}`;
    for (const attribute of Object.values(block.attributes)) {
      const expected = body[attribute.name];
      if (hasExpression(expected)) continue;
      out.push({ where: `${here}.${attribute.name}`, model: asHclJson(attribute.value()), hcl2json: expected });
    }
    compareBlocks(block.blocks, body, here, out);
  }
}

async function corpus(): Promise<TfModule[]> {
  const { files } = await discoverFiles([CORPUS], process.cwd());
  return buildModules(files);
}

describe('cross-check with hcl2json', () => {
  test('every literal attribute evaluates to what hcl2json reads', async () => {
    const comparisons: Comparison[] = [];
    // One instance per folder: literal attributes do not depend on the caller.
    const modules = [...new Map((await corpus()).map((module) => [module.dir, module] as const)).values()];
    for (const module of modules) {
      for (const file of module.files) {
        const json = asRecord(await parse(file.path, file.text));
        compareBlocks(
          module.blocks.filter((block) => block.file === file.path),
          json,
          path.relative(CORPUS, file.path),
          comparisons,
        );
      }
    }
    // The corpus is big enough for the check to mean something.
    expect(comparisons.length).toBeGreaterThan(150);
    const mismatches = comparisons.filter((comparison) => JSON.stringify(comparison.model) !== JSON.stringify(comparison.hcl2json));
    expect(mismatches).toEqual([]);
  });

  test('the corpus loads without parse errors, called modules with their caller', async () => {
    const modules = await corpus();
    expect(modules.flatMap((module) => module.parseErrors)).toEqual([]);
    const called = modules.filter((module) => module.caller).map((module) => [path.basename(module.dir), module.caller!.call.name]);
    expect(called).toEqual([
      ['grafana', 'k8s_grafana'],
      ['prometheus', 'k8s_prometheus'],
      ['meshery', 'k8s_meshery'],
      ['vaultwarden', 'k8s_vaultwarden'],
    ]);
  });
});
