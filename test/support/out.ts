import { parse } from '@cdktf/hcl2json';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './tmp';

/** Reading the committed `out/` back: raw text, or parsed with hcl2json. */
export type Json = Record<string, unknown>;

export const read = (service: string, file: string): string =>
  fs.readFileSync(path.join(REPO, 'out', 'modules-k8s', service, file), 'utf8');

/** All .tf files of a module, parsed as one. */
export async function module(service: string): Promise<Json> {
  const dir = path.join(REPO, 'out', 'modules-k8s', service);
  const text = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  return (await parse(`${service}.tf`, text)) as Json;
}

export const dig = (value: unknown, ...keys: Array<string | number>): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);

export const variableDefault = (m: Json, name: string): unknown => dig(m, 'variable', name, 0, 'default');

/** The pod spec of a module's workload. */
export function podSpec(m: Json, type: string, name: string): unknown {
  return dig(m, 'resource', type, name, 0, 'spec', 0, 'template', 0, 'spec', 0);
}
