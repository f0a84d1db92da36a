import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../src/lint/config';
import { lintPaths } from '../../src/lint/engine';
import { schemaRules } from '../../src/lint/rules/schema';
import { resourceSchema, resourceTypes, type BodySchema, type ResourceMode } from '../../src/schema/provider';
import { typeText, type TypeExpr } from '../../src/schema/types';
import { REPO } from '../support/tmp';

/**
 * Attributes whose type is an object or a list of objects are written
 * `name = { ... }`, never as blocks: the committed schema must say so (cdktf
 * generates a struct for both, which the extraction tells apart), and a module
 * that writes each such attribute the way Terraform accepts it has no finding.
 */
const FIXTURE = path.join(REPO, 'test/fixtures/schema/object-attributes');

function isObjectLike(type: TypeExpr): boolean {
  return type.kind === 'object' || ((type.kind === 'list' || type.kind === 'set') && type.element.kind === 'object');
}

/** `kubernetes_manifest.wait_for`: every object-typed attribute of every resource and data source, at any depth. */
function objectAttributes(): string[] {
  const found = new Set<string>();
  const seen = new Set<BodySchema>();
  const walk = (body: BodySchema, where: string): void => {
    if (seen.has(body)) return;
    seen.add(body);
    for (const [name, attribute] of body.attributes) if (isObjectLike(attribute.type)) found.add(`${where}.${name}`);
    for (const [name, block] of body.blocks) walk(block.body(), `${where}.${name}`);
  };
  for (const mode of ['resource', 'data'] as ResourceMode[])
    for (const type of resourceTypes(mode)) walk(resourceSchema(mode, type)!, mode === 'data' ? `data.${type}` : type);
  return [...found].sort();
}

test('kubernetes_manifest.wait_for is an attribute of object type; wait, field_manager and timeouts are blocks', () => {
  const manifest = resourceSchema('resource', 'kubernetes_manifest')!;
  expect(manifest.blocks.has('wait_for')).toBe(false);
  expect(typeText(manifest.attributes.get('wait_for')!.type)).toBe('object({fields = optional(map(string))})');
  expect([...manifest.blocks.keys()].sort()).toEqual(['field_manager', 'timeouts', 'wait']);
});

test('the fixture writes every object-typed attribute of the provider as an argument', () => {
  const attributes = objectAttributes();
  expect(attributes).toEqual(['kubernetes_manifest.wait_for']);
  const text = readFileSync(path.join(FIXTURE, 'main.tf'), 'utf8');
  for (const attribute of attributes) {
    const [type, ...names] = attribute.split('.');
    expect(text).toContain(`resource "${type}"`);
    expect(text).toMatch(new RegExp(`^\\s*${names.at(-1)!} = [{[]`, 'm'));
  }
});

test('the fixture has no schema finding', async () => {
  const config = resolveConfig({}, { file: null, rules: schemaRules });
  const result = await lintPaths({ paths: [FIXTURE], cwd: REPO, config });
  expect(result.files.length).toBe(1);
  expect(result.findings.map((f) => `${f.range.line} ${f.ruleId} ${f.message}`)).toEqual([]);
});
