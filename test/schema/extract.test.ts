import { readFileSync } from 'node:fs';
import { extractSchema, providerPackageDir, SCHEMA_FILE, serialiseSchema, type SchemaFile } from '../../scripts/extract-schema';

/**
 * The committed provider schema is what `npm run schema:extract` writes from the
 * installed `@cdktf/provider-kubernetes`. Without the dev dependency (a
 * production install) there is nothing to compare against.
 */
function installedPackage(): string | undefined {
  try {
    return providerPackageDir();
  } catch {
    return undefined;
  }
}

const packageDir = installedPackage();
const committed = readFileSync(SCHEMA_FILE, 'utf8');

(packageDir ? test : test.skip)('the committed schema equals a fresh extraction', () => {
  expect(serialiseSchema(extractSchema(packageDir!))).toBe(committed);
});

test('the committed schema is compact and names its provider release', () => {
  const schema = JSON.parse(committed) as SchemaFile;
  expect(schema.version).toBe('2.38.0');
  expect(schema.extractedFrom).toBe('@cdktf/provider-kubernetes@12.1.1');
  expect(committed.length).toBeLessThan(100_000);
  expect(Object.keys(schema.resources)).toContain('kubernetes_deployment_v1');
  expect(Object.keys(schema.dataSources)).toContain('kubernetes_secret_v1');
  // Every shared reference resolves.
  const bodies = JSON.stringify([schema.resources, schema.dataSources, schema.shared]);
  const refs = [...bodies.matchAll(/"#([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(100);
  expect(refs.filter((ref) => !(ref in schema.shared))).toEqual([]);
});
