import path from 'node:path';
import { grafana } from '../../specs/grafana';
import { renderService } from '../../src/generate/generate';
import { verifyService } from '../../src/generate/verify';
import { loadSpecs, normalizeStrings, parseService, type LoadedSpecs } from '../../src/spec-api/load';
import { checkService } from '../../src/spec-api/refine';
import { stackSchema } from '../../src/spec-api/schema';
import { REPO } from '../support/tmp';

/** Choices the built-in specs leave to the user: forward auth from the stack, Grafana on PostgreSQL. */
const specs = loadSpecs(path.join(REPO, 'specs'));
const layout = { modulesDir: 'modules-k8s' };
const text = (files: Array<{ path: string; content: string }>, name: string): string =>
  files.find((f) => f.path.endsWith(`/${name}`))?.content ?? '';

describe('forward auth configured in the stack', () => {
  const stack = stackSchema.parse({
    ...specs.stack,
    auth: { ...specs.stack.auth, forward: { address: 'https://auth.brmartin.co.uk/verify', authResponseHeaders: ['X-Forwarded-User'] } },
  });
  const withForward: LoadedSpecs = { ...specs, stack };
  const prometheus = specs.services.find((s) => s.spec.name === 'prometheus')!;
  const files = renderService(stack, prometheus, layout);

  test('replaces basic auth in front of the admin UI', async () => {
    const main = text(files, 'main.tf');
    expect(main).toContain('forwardAuth = {');
    expect(main).toContain('address             = "https://auth.brmartin.co.uk/verify"');
    expect(main).toContain('authResponseHeaders = ["X-Forwarded-User"]');
    expect(main).not.toContain('basicAuth');
    expect(text(files, 'secrets.tf')).toBe('');
    expect(await verifyService(prometheus.spec, withForward, files)).toEqual([]);
  });
});

describe('grafana on PostgreSQL', () => {
  const spec = parseService(normalizeStrings(grafana({ database: 'postgres' })));
  const files = renderService(specs.stack, { spec, file: 'specs/grafana.ts' }, layout);

  test('is a valid spec that round-trips', async () => {
    expect(checkService(spec, specs.stack)).toEqual([]);
    expect(await verifyService(spec, specs, files)).toEqual([]);
  });

  test('reads GF_DATABASE_* from Vault and runs no litestream', () => {
    const main = text(files, 'main.tf');
    expect(main).toMatch(/name\s+= "GF_DATABASE_TYPE"\n\s+value = "postgres"/);
    expect(main).toMatch(
      /name = "GF_DATABASE_PASSWORD"\n\n?\s+value_from \{\n\s+secret_key_ref \{\n\s+name = "\$\{local.app_name\}-secrets"\n\s+key\s+= "GF_DATABASE_PASSWORD"/,
    );
    expect(main).not.toContain('litestream');
    expect(text(files, 'secrets.tf')).toContain('secretKey = "GF_DATABASE_PASSWORD"');
  });
});
