import { API_GROUPS, bodySchema } from '../schema/crd';
import type { LoadedSpecs } from '../spec-api/load';
import type { SpecIssue } from '../spec-api/refine';
import { configText, type ConfigValue, type Service } from '../spec-api/schema';
import { formatPath } from '../util/zod-errors';

/**
 * The escape hatch, checked against the CRD schemas the linter knows: a kind of
 * a known API group must exist there, at the version it is served as, and its
 * body must fit the schema. Kinds of other groups are accepted unchecked, and
 * `gen-modules verify` lists every manifest either way.
 */
export function checkManifestSchemas(service: Service): SpecIssue[] {
  const issues: SpecIssue[] = [];
  service.manifests.forEach((manifest, mi) => {
    const at = ['manifests', mi];
    const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
    const known = API_GROUPS[group ?? ''];
    if (!known) return;
    if (known.movedTo) {
      issues.push({ path: [...at, 'apiVersion'], message: `API group ${group ?? ''} is no longer served; use ${known.movedTo}` });
      return;
    }
    const kind = known.kinds[manifest.kind];
    if (!kind) {
      issues.push({
        path: [...at, 'kind'],
        message: `${group ?? ''} has no kind ${manifest.kind} (known: ${Object.keys(known.kinds).join(', ')})`,
      });
      return;
    }
    if (kind.current !== version)
      issues.push({ path: [...at, 'apiVersion'], message: `${manifest.kind} is served as ${group ?? ''}/${kind.current}` });
    const schema = bodySchema(manifest.apiVersion, manifest.kind);
    if (!schema) return;
    const body = {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      metadata: { name: manifest.name, namespace: 'default', labels: {} },
      ...(manifest.spec !== undefined ? { spec: placeholders(manifest.spec) } : {}),
      ...Object.fromEntries(Object.entries(manifest.fields ?? {}).map(([field, value]) => [field, placeholders(value)])),
    };
    const result = schema.safeParse(body);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      issues.push({ path: [...at, ...path], message: `${issue.message} (${manifest.kind} schema at ${formatPath(issue.path)})` });
    }
  });
  return issues;
}

/** What gen-modules verify lists for reviewers: every escape-hatch manifest, and whether a known schema checked it. */
export function manifestUses(specs: LoadedSpecs): string[] {
  return specs.services.flatMap(({ spec, file }) =>
    spec.manifests.map((m) => {
      const checked = bodySchema(m.apiVersion, m.kind) !== undefined;
      return `${file}: manifests: ${m.kind} "${m.name}" (${m.apiVersion}), ${checked ? 'checked against its CRD schema' : 'no known schema: unchecked'}: ${m.reason}`;
    }),
  );
}

/** A config value with its variables as placeholder strings, for schema checks. */
function placeholders(value: ConfigValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(placeholders);
  if (configText(value)) return '${var}';
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholders(v)]));
}
