/**
 * What the secrets rules need to know about names, values and ExternalSecrets.
 */
import { dig, manifests, stringOf, type Manifest } from '../../k8s';
import type { LVal, Range, TfModule } from '../../types';

/** Words that make a name a credential's name on their own. */
const STRONG_WORDS = new Set(['password', 'passwords', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'apikey']);
/** `<word>_key` pairs that name a credential (`access_key`, `private_key`...). */
const KEY_QUALIFIERS = new Set(['access', 'api', 'private', 'secret', 'signing', 'encryption', 'master', 'auth', 'client', 'license', 'session']);
/**
 * Last words that make the name about a credential rather than the credential
 * itself: `secret_name`, `secret_key_ref`, `token_url`, `PASSWORD_FILE`.
 */
const DESCRIBING_WORDS = new Set([
  'name', 'names', 'ref', 'refs', 'file', 'files', 'path', 'paths', 'dir', 'url', 'uri', 'endpoint', 'type', 'kind', 'length', 'size', 'ttl',
  'policy', 'mode', 'header', 'format', 'namespace', 'store', 'version', 'enabled', 'enable', 'disabled', 'required', 'expiry', 'expiration',
  'interval', 'rotation', 'selector', 'source', 'field', 'template', 'count', 'hash', 'algorithm', 'method', 'prefix', 'scope', 'scopes',
]);

export type NameStrength = 'strong' | 'weak' | undefined;

/** Words of a name in any of snake_case, kebab-case, camelCase or SCREAMING_CASE. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How strongly a name says "credential". Strong: any literal is one. Weak (a
 * `*_key` name without a qualifier, e.g. `cache_key`): only a high-entropy
 * literal is one. A bare `key` is never a credential's name (label selectors,
 * ConfigMap items and ExternalSecret remote refs all use it).
 */
export function nameStrength(name: string): NameStrength {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIBING_WORDS.has(last) || words.includes('existing')) return undefined;
  if (words.some((word) => STRONG_WORDS.has(word))) return 'strong';
  if (words.some((word, index) => word === 'key' && KEY_QUALIFIERS.has(words[index - 1] ?? ''))) return 'strong';
  if (words.includes('key') && words.length > 1) return 'weak';
  return undefined;
}

const OBVIOUS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'none', 'null', 'nil', 'required', 'optional', 'auto', 'default']);

/** Values that cannot be a credential: empty, booleans and switches, URLs without userinfo. */
export function obviouslyNotSecret(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || OBVIOUS.has(trimmed.toLowerCase())) return true;
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(trimmed);
  return url !== null && !url[1]!.includes('@');
}

/** Shannon entropy of a string, in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export interface Shape {
  kind: string;
  pattern: RegExp;
}

/** Credentials recognisable by their form alone, wherever they are written. */
export const SHAPES: Shape[] = [
  { kind: 'private key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'AWS access key id', pattern: /\bAKIA[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', pattern: /\b(?:ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g },
  // `scheme://user:password@host` written out; interpolations (`${...}`) and templates (`{{ }}`) are not literals.
  { kind: 'URL with an inline password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'${}]+:[^/\s@"'${}]+@/g },
];

export function hasShape(text: string): boolean {
  return SHAPES.some((shape) => new RegExp(shape.pattern.source).test(text));
}

/** True when `inner` lies within `outer` (same file). */
export function within(inner: Range, outer: Range): boolean {
  if (inner.file !== outer.file) return false;
  const startsAfter = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}

// -- ExternalSecrets ----------------------------------------------------------------

const ESO_GROUP = 'external-secrets.io/';

export function isExternalSecretsObject(body: LVal): boolean {
  const apiVersion = stringOf(dig(body, 'apiVersion'));
  return apiVersion !== undefined && apiVersion.startsWith(ESO_GROUP);
}

export interface SecretTarget {
  manifest: Manifest;
  /** The Kubernetes Secret the ExternalSecret writes. */
  name: string;
  /** Keys it provides; undefined when they cannot be known (`dataFrom`, templates from elsewhere, unknown parts). */
  keys: Set<string> | undefined;
}

/** ExternalSecrets of the module whose target Secret name is known. */
export function externalSecretTargets(module: TfModule): SecretTarget[] {
  const out: SecretTarget[] = [];
  for (const manifest of manifests(module)) {
    if (manifest.kind !== 'ExternalSecret' || !isExternalSecretsObject(manifest.body)) continue;
    const targetName = dig(manifest.body, 'spec', 'target', 'name');
    const name = targetName === undefined ? stringOf(dig(manifest.body, 'metadata', 'name')) : stringOf(targetName);
    if (name !== undefined) out.push({ manifest, name, keys: providedKeys(manifest.body) });
  }
  return out;
}

/** `spec.data[].secretKey` plus keys a `target.template.data` adds. */
function providedKeys(body: LVal): Set<string> | undefined {
  const spec = dig(body, 'spec');
  if (spec === undefined || spec.kind !== 'object') return undefined;
  if (dig(spec, 'dataFrom') !== undefined || dig(spec, 'target', 'template', 'templateFrom') !== undefined) return undefined;
  const keys = new Set<string>();
  const data = dig(spec, 'data');
  if (data !== undefined) {
    if (data.kind !== 'tuple') return undefined;
    for (const item of data.items) {
      const key = stringOf(dig(item, 'secretKey'));
      if (key === undefined) return undefined;
      keys.add(key);
    }
  }
  const templateData = dig(spec, 'target', 'template', 'data');
  if (templateData !== undefined) {
    if (templateData.kind !== 'object') return undefined;
    for (const entry of templateData.entries) keys.add(entry.key);
  }
  return keys;
}
