import * as path from 'node:path';
import { loadSources } from '../../../src/terraform/load';
import type { Range } from '../../../src/hcl/syntax';
import type { Attribute, Block, LVal, TfModule } from '../../../src/terraform/types';

export const ROOT = path.resolve('/project');

/** A range in `<ROOT>/<file>`. */
export function at(file: string, line: number, column: number, endLine: number, endColumn: number): Range {
  return { file: path.join(ROOT, file), line, column, endLine, endColumn };
}

/** The single module built from one `main.tf`. */
export async function moduleOf(text: string): Promise<TfModule> {
  const modules = await loadSources({ 'main.tf': text }, ROOT);
  expect(modules).toHaveLength(1);
  return modules[0]!;
}

export function attributeOf(block: Block | undefined, name: string): Attribute {
  const attribute = block?.attributes[name];
  if (!attribute) throw new Error(`no attribute ${name}`);
  return attribute;
}

/** A value with every range removed, for comparing shapes. */
export function plain(value: LVal): unknown {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'tuple':
      return value.items.map(plain);
    case 'object':
      return Object.fromEntries(value.entries.map((entry) => [entry.key, plain(entry.value)]));
    case 'unknown':
      return value.ref === undefined ? { unknown: true } : { unknown: value.ref };
  }
}
