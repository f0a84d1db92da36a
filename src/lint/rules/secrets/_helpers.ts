/**
 * What the secrets rules need to know about names and values: which names
 * say "credential", which values cannot be one, and credential shapes.
 */

/** Words that make a name a credential's name on their own. */
const STRONG_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'apikey',
]);
/**
 * `<word>_key` pairs that name a credential (`api_key`, `private_key`...). An
 * `access_key` is not among them: it is the key's id or user name (AWS, MinIO),
 * so only a high-entropy value there counts.
 */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'signing', 'encryption', 'master', 'auth', 'client', 'license', 'session']);
/**
 * Last words that make the name about a credential rather than the credential
 * itself: `secret_name`, `secret_key_ref`, `token_url`, `PASSWORD_FILE`.
 */
const DESCRIBING_WORDS = new Set([
  'name',
  'names',
  'ref',
  'refs',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'url',
  'uri',
  'endpoint',
  'type',
  'kind',
  'length',
  'size',
  'ttl',
  'policy',
  'mode',
  'header',
  'format',
  'namespace',
  'store',
  'version',
  'enabled',
  'enable',
  'disabled',
  'required',
  'expiry',
  'expiration',
  'interval',
  'rotation',
  'selector',
  'source',
  'field',
  'template',
  'count',
  'hash',
  'algorithm',
  'method',
  'prefix',
  'scope',
  'scopes',
  'id',
  'ids',
  'user',
  'username',
  'email',
  'alias',
  'arn',
  'label',
  'annotation',
  'location',
]);

export type NameStrength = 'strong' | 'weak' | undefined;

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const WORD_SEPARATOR = /[^a-z0-9]+/;

/** Words of a name in any of snake_case, kebab-case, camelCase or SCREAMING_CASE. */
export function wordsOf(name: string): string[] {
  return name.replace(CAMEL_BOUNDARY, '$1_$2').toLowerCase().split(WORD_SEPARATOR).filter(Boolean);
}

/** Modules repeat the same few attribute and key names over and over: judge each name once. */
const strengths = new Map<string, NameStrength>();

/**
 * How strongly a name says "credential". Strong: any literal is one. Weak (a
 * `*_key` name without a qualifier, e.g. `cache_key`): only a high-entropy
 * literal is one. A bare `key` is never a credential's name (label selectors,
 * ConfigMap items and ExternalSecret remote refs all use it).
 */
export function nameStrength(name: string): NameStrength {
  if (strengths.has(name)) return strengths.get(name);
  const strength = judgeName(name);
  strengths.set(name, strength);
  return strength;
}

function judgeName(name: string): NameStrength {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIBING_WORDS.has(last) || words.includes('existing')) return undefined;
  if (words.some((word) => STRONG_WORDS.has(word))) return 'strong';
  if (words.some((word, index) => word === 'key' && KEY_QUALIFIERS.has(words[index - 1] ?? ''))) return 'strong';
  if (words.includes('key') && words.length > 1) return 'weak';
  return undefined;
}

const OBVIOUS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'enabled',
  'disabled',
  'none',
  'null',
  'nil',
  'required',
  'optional',
  'auto',
  'default',
  'active',
  'inactive',
  'pending',
  'present',
  'absent',
  'unset',
  'empty',
  'any',
  'all',
  'ok',
  'error',
  'ready',
]);

const URL_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/** Values that cannot be a credential: empty, booleans, switches and status words, URLs without userinfo. */
export function obviouslyNotSecret(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || OBVIOUS.has(trimmed.toLowerCase())) return true;
  const url = URL_AUTHORITY.exec(trimmed);
  return url !== null && !url[1]!.includes('@');
}

/** Placeholders a template or example leaves for the real value. */
const PLACEHOLDERS = [
  /^<[^<>]+>$/,
  /^\[[^[\]]+\]$/,
  /^(?:change[-_ ]?me|changeit|replace[-_ ]?me|todo|fixme|tbd|x{3,}|\*{3,}|\.{3}|redacted|dummy|example|sample|placeholder|your[-_ ].*|my[-_ ]?(?:password|secret|token))$/i,
  /placeholder/i,
  // A reference the config's own tool resolves: `${DB_PASSWORD}`, `$(API_TOKEN)`, `{{ .Values.x }}`, `%{ x }`, an nginx `$variable`.
  /^\$\{[^}]+\}$/,
  /^\$\([^)]+\)$/,
  /^\{\{.*\}\}$/,
  /^%\{.*\}$/,
  /^\$[A-Za-z_][\w]*$/,
];

export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return PLACEHOLDERS.some((pattern) => pattern.test(trimmed));
}

/** Words in a value that make it the name of a credential rather than one (`cloudflare-api-key`, `/github/token`). */
const CREDENTIAL_NAME_WORDS = new Set([
  ...STRONG_WORDS,
  'key',
  'keys',
  'api',
  'auth',
  'tls',
  'cert',
  'certs',
  'certificate',
  'creds',
  'htpasswd',
]);

/** An identifier (`admin-token`, `GITHUB_TOKEN`, `/github/token`) with a credential word: it names a key, a Secret or a path. */
function namesCredential(text: string): boolean {
  return /^[A-Za-z0-9._/-]+$/.test(text) && wordsOf(text).some((word) => CREDENTIAL_NAME_WORDS.has(word));
}

/**
 * A lowercase path or qualified name (`kubernetes.io/hostname`,
 * `alias/terraform`, `nomad/default/grafana`, `/run/secrets/db`): a label or
 * annotation key, a KMS alias, a Vault path, a file. Credentials are not written so.
 */
function isPathOrQualifiedName(text: string): boolean {
  return /^\/?[a-z0-9._-]+(?:\/[a-z0-9._-]+)+\/?$/.test(text) || /^\/[a-z0-9._-]+$/.test(text);
}

/** Values that are no credential whatever their place says: obvious words, placeholders, names of credentials, paths. */
export function notACredential(text: string): boolean {
  const trimmed = text.trim();
  return obviouslyNotSecret(trimmed) || isPlaceholder(trimmed) || namesCredential(trimmed) || isPathOrQualifiedName(trimmed);
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
  /** Global: for `matchAll` over a file. No shape spans a line break. */
  pattern: RegExp;
  /** Literal text every match contains: a text without any of them is skipped without running the pattern. */
  needles: string[];
  /** The pattern without the global flag, for a stateless `test`. */
  test: RegExp;
}

function shape(kind: string, pattern: RegExp, needles: string[]): Shape {
  return { kind, pattern, needles, test: new RegExp(pattern.source) };
}

/** Credentials recognisable by their form alone, wherever they are written. */
export const SHAPES: readonly Shape[] = [
  shape('private key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g, ['-----BEGIN ']),
  shape('AWS access key id', /\bAKIA[0-9A-Z]{16}\b/g, ['AKIA']),
  shape('GitHub token', /\b(?:ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})/g, ['ghp_', 'github_pat_']),
  shape('Slack token', /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, ['xox']),
  shape('JSON Web Token', /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, ['eyJ']),
  // `scheme://user:password@host` written out; interpolations (`${...}`) and templates (`{{ }}`) are not literals.
  // The password is the first group: a placeholder there (`<password>`) is no credential.
  shape('URL with an inline password', /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'${}]+:([^/\s@"'${}]+)@/g, ['://']),
];

/** True when the shape could match the text: one of its needles is in it. */
export function mayHaveShape(shape: Shape, text: string): boolean {
  return shape.needles.some((needle) => text.includes(needle));
}

export function hasShape(text: string): boolean {
  return SHAPES.some((shape) => mayHaveShape(shape, text) && shape.test.test(text));
}

// ---------------------------------------------------------------------------
// Credentials inside config text (a heredoc nginx.conf, YAML or JSON file)

/** A line that is a comment in the usual config syntaxes. */
const COMMENT_LINE = /^\s*(?:#|\/\/|;|<!--|--)/;
/** `Authorization: Basic dXNlcjpwYXNz`, `proxy_set_header Authorization "Bearer abc..."`. */
const AUTH_HEADER = /\b(?:proxy-)?authorization["']?\s*[:=]?\s*["']?(?:basic|bearer|token|digest)\s+([^\s"';,]+)/i;
/** `proxy_set_header X-Password "value";` and the like: a header directive with its value. */
const HEADER_DIRECTIVE =
  /\b(?:proxy_set_header|add_header|more_set_headers|more_set_input_headers|grpc_set_header)\s+["']?([\w-]+)["']?\s*:?\s*["']?([^"';\s]+)/i;
/** `password: value`, `"password": "value"`, `password = value`, `Password: value` (a header line). */
const KEY_VALUE = /^\s*[{[,]?\s*["']?([A-Za-z][\w.-]*)["']?\s*[:=]\s*["']?([^"'\s,;#}]+)["']?/;

/**
 * Names of the credentials a config text sets to literals: an Authorization
 * header with a token, a header or setting named like a credential with a value
 * that is one (not a placeholder, a variable, a path or a name). Comment lines
 * are skipped.
 */
export function embeddedCredentials(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    if (COMMENT_LINE.test(line)) continue;
    const auth = AUTH_HEADER.exec(line);
    if (auth && !isPlaceholder(auth[1]!) && !auth[1]!.includes('$')) {
      found.push('Authorization');
      continue;
    }
    const pair = HEADER_DIRECTIVE.exec(line) ?? KEY_VALUE.exec(line);
    if (!pair) continue;
    const [, name, value] = pair as unknown as [string, string, string];
    if (nameStrength(name) === 'strong' && !notACredential(value) && !value.includes('$') && !value.includes('{')) found.push(name);
  }
  return found;
}
