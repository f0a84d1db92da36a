import type { z } from 'zod';
import { API_GROUPS, bodySchema, keysAt } from '../../../schema/crd';
import { suggestion } from '../../../util/suggest';
import { manifests, type Manifest } from '../../../terraform/k8s/manifests';
import { createRule, type ReportDescriptor } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { LVal } from '../../../terraform/types';
import { entryOf } from '../../../terraform/values';
import { formatPath, zodErrorMap } from '../../../util/zod-errors';

type Report = (descriptor: ReportDescriptor<MessageId>) => void;

/**
 * The body as plain data for zod. Unknown parts become `undefined` and nulls
 * are dropped (Kubernetes reads a null field as absent); a problem zod finds
 * there is then sorted out by `locate`.
 */
function plain(value: LVal): unknown {
  switch (value.kind) {
    case 'tuple':
      return value.items.map(plain);
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty, so that a key named `__proto__` stays a plain key.
      for (const entry of value.entries) if (entry.value.kind !== 'null') Object.defineProperty(out, entry.key, { value: plain(entry.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'unknown':
    case 'null':
      return undefined;
    default:
      return value.value;
  }
}

type Located = { state: 'unknown' } | { state: 'missing'; parent: LVal } | { state: 'present'; value: LVal };

/** Follow a zod issue path into the body: to a written value, to the object that lacks it, or into an unknown. */
function locate(body: LVal, path: readonly PropertyKey[]): Located {
  let current = body;
  for (const step of path) {
    if (current.kind === 'unknown') return { state: 'unknown' };
    const next = typeof step === 'number' ? (current.kind === 'tuple' ? current.items[step] : undefined) : entryOf(current, String(step))?.value;
    if (next === undefined || next.kind === 'null') return { state: 'missing', parent: current };
    current = next;
  }
  return current.kind === 'unknown' ? { state: 'unknown' } : { state: 'present', value: current };
}

function reportIssue(manifest: Manifest, schema: z.ZodType, issue: z.core.$ZodIssue, report: Report): void {
  const base = { kind: manifest.kind ?? '', name: manifest.resource.address };
  const located = locate(manifest.body, issue.path);
  if (located.state === 'unknown') return;
  const at = (range: Range, messageId: MessageId, data: Record<string, string>): void => report({ messageId, data: { ...base, ...data }, range, address: manifest.resource.address });
  if (issue.code === 'unrecognized_keys') {
    if (located.state !== 'present') return;
    for (const key of issue.keys) {
      const entry = entryOf(located.value, key);
      if (entry) at(entry.keyRange, 'unknownField', { path: formatPath([...issue.path, key]), suggestion: suggestion(key, keysAt(schema, issue.path)) });
    }
  } else if (located.state === 'missing') {
    at(located.parent.range, 'missing', { path: formatPath(issue.path) });
  } else {
    at(located.value.range, 'invalid', { path: formatPath(issue.path), detail: issue.message });
  }
}

/** The apiVersion and kind exist, and the version still serves the kind. True when the body can be checked. */
function checkApiVersion(manifest: Manifest, report: Report): boolean {
  const { apiVersion, kind } = manifest;
  const slash = apiVersion?.indexOf('/') ?? -1;
  if (apiVersion === undefined || kind === undefined || slash < 0) return false;
  const group = API_GROUPS[apiVersion.slice(0, slash)];
  if (!group) return false;
  const range = entryOf(manifest.body, 'apiVersion')?.value.range ?? manifest.range;
  const kindRange = entryOf(manifest.body, 'kind')?.value.range ?? manifest.range;
  const known = Object.hasOwn(group.kinds, kind) ? group.kinds[kind] : undefined;
  if (!known) {
    report({ messageId: 'unknownKind', data: { kind, group: apiVersion.slice(0, slash), suggestion: suggestion(kind, Object.keys(group.kinds)) }, range: kindRange, address: manifest.resource.address });
    return false;
  }
  const current = `${group.movedTo ?? apiVersion.slice(0, slash)}/${known.current}`;
  if (apiVersion === current) return true;
  report({ messageId: 'apiVersion', data: { kind, apiVersion, current }, range, address: manifest.resource.address });
  return false;
}

const messages = {
  apiVersion: 'apiVersion "{{apiVersion}}" no longer serves {{kind}}: use "{{current}}"',
  unknownKind: 'The API group {{group}} has no kind "{{kind}}": fix the kind{{suggestion}}',
  missing: '{{kind}} {{name}} lacks the required field "{{path}}": add it',
  unknownField: '{{kind}} {{name}} has no field "{{path}}": fix the name or remove it{{suggestion}}',
  invalid: '{{kind}} {{name}} field "{{path}}": {{detail}}; fix the value',
};

type MessageId = keyof typeof messages;

export default createRule({
  id: 'schema/crd-body',
  defaultSeverity: 'error',
  summary: 'kubectl_manifest bodies of Traefik and External Secrets resources use a served apiVersion and have the fields their CRD requires',
  messages,
  check({ module, report }) {
    for (const manifest of manifests(module)) {
      if (manifest.body.kind !== 'object' || !checkApiVersion(manifest, report)) continue;
      const schema = bodySchema(manifest.apiVersion ?? '', manifest.kind ?? '');
      if (!schema) continue;
      const result = schema.safeParse(plain(manifest.body), { error: zodErrorMap });
      for (const issue of result.error?.issues ?? []) reportIssue(manifest, schema, issue, report);
    }
  },
});
