import { readFileSync } from 'node:fs';
import {
  extractSchema,
  HELM_2,
  HELM_3,
  providerPackageDir,
  SCHEMA_FILE,
  schemaFile,
  serialiseSchema,
  type SchemaFile,
} from '../../scripts/extract-schema';
import { ProviderSchema } from '../../src/schema/provider';
import { typeText } from '../../src/schema/types';

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

describe('hashicorp/helm, one committed schema per major release', () => {
  const installed = (provider: typeof HELM_2): string | undefined => {
    try {
      return providerPackageDir(provider);
    } catch {
      return undefined;
    }
  };

  for (const provider of [HELM_2, HELM_3]) {
    const dir = installed(provider);
    (dir ? test : test.skip)(`${provider.file} equals a fresh extraction`, () => {
      expect(serialiseSchema(extractSchema(dir!, provider))).toBe(readFileSync(schemaFile(provider), 'utf8'));
    });
  }

  const helm2 = new ProviderSchema(schemaFile(HELM_2), 'hashicorp/helm');
  const helm3 = new ProviderSchema(schemaFile(HELM_3), 'hashicorp/helm');

  test('the releases the files reflect', () => {
    expect(helm2.version()).toBe('2.17.0');
    expect(helm3.version()).toBe('3.1.1');
    expect(helm3.resourceTypes('resource')).toEqual(['helm_release']);
    expect(helm3.resourceTypes('data')).toEqual(['helm_template']);
  });

  test('2.x: set {} blocks and a kubernetes {} block in the provider', () => {
    const release = helm2.resourceSchema('resource', 'helm_release')!;
    expect(release.blocks.get('set')).toMatchObject({ single: false, required: false });
    expect(release.attributes.has('set')).toBe(false);
    expect(release.attributes.get('chart')).toMatchObject({ required: true });
    const provider = helm2.providerConfig()!;
    expect(provider.blocks.get('kubernetes')).toMatchObject({ single: true });
    expect(provider.blocks.get('kubernetes')!.body().attributes.has('config_path')).toBe(true);
  });

  test('3.x: set = [...] and kubernetes = {...} are arguments', () => {
    const release = helm3.resourceSchema('resource', 'helm_release')!;
    expect(release.blocks.has('set')).toBe(false);
    expect(typeText(release.attributes.get('set')!.type)).toBe('list(object({name = string, type = optional(string), value = optional(string)}))');
    const provider = helm3.providerConfig()!;
    expect(provider.blocks.has('kubernetes')).toBe(false);
    expect(provider.attributes.get('kubernetes')!.type.kind).toBe('object');
  });

  test('the kubernetes schema has no provider block body', () => {
    expect(new ProviderSchema(SCHEMA_FILE, 'hashicorp/kubernetes').providerConfig()).toBeUndefined();
  });
});
