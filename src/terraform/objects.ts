/**
 * The Kubernetes objects a module declares, in the shape the API server stores
 * them: provider resources (`kubernetes_deployment` and `kubernetes_deployment_v1`
 * alike) and `kubectl_manifest`/`kubernetes_manifest` bodies become one kind of
 * object tree, identified by group, kind, namespace and name, and normalised so
 * that two spellings Kubernetes treats as the same object compare equal:
 *
 * - provider blocks become the API's fields (`container` → `containers`,
 *   `volume_mount` → `volumeMounts`, `match_labels` → `matchLabels`);
 * - Terraform-only arguments (`wait_for_rollout`, `timeouts`, `lifecycle`, ...) are left out;
 * - values equal to the API server's defaults are left out (`protocol: TCP`,
 *   `replicas: 1`, probe timings, `imagePullPolicy` for a pinned tag...);
 * - null, empty lists and empty maps are left out (an `emptyDir: {}` stays);
 * - quantities are compared by value (`1Gi` = `1024Mi`, `0.5` = `500m`), ports
 *   written as numeric strings are numbers, octal modes (`"0644"`) are numbers;
 * - lists Kubernetes merges by a key (containers, env, volumes, mounts, ports...)
 *   are ordered by that key, sets (`accessModes`, RBAC verbs) are sorted;
 * - ConfigMap data that is YAML or JSON (a `yamlencode` body, or a `.yaml`/`.json`
 *   key whose text parses) is compared as data, not as text.
 *
 * A reference to another resource's `metadata[0].name` (or namespace) is that
 * resource's name. What the evaluator cannot know stays visible as an
 * `{ $unknown: "<expression>" }` object, which no literal value equals.
 */
import { parseAllDocuments } from 'yaml';
import { compareText } from '../util/compare';
import type { Range } from '../hcl/syntax';
import type { Block, LVal, Resource, TfModule } from './types';
import { stringOf } from './values';
import { attrValue, firstBlock, memo, refAddress } from './k8s/blocks';

/** JSON-like data. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
export type PlainObject = { [key: string]: Plain };

export interface KubeObject {
  /** Matching key: group, kind, namespace and name. */
  identity: string;
  apiVersion: string;
  kind: string;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** `Deployment default/whoami`. */
  label: string;
  /** The Terraform resource that declares it. */
  resource: Resource;
  /** The normalised object: `apiVersion`, `metadata` (labels, annotations...), `spec`, `data`... */
  body: PlainObject;
  /** How it is written: a typed provider resource, or a manifest body. */
  form: 'typed' | 'manifest';
  /**
   * The object as a manifest would write it: normalised like `body`, but
   * ConfigMap data kept as text, `apiVersion`, `kind` and the metadata name and
   * namespace included.
   */
  manifest(): PlainObject;
}

/** A Terraform resource that is not a Kubernetes object (or one whose identity cannot be known): compared by address. */
export interface OtherResource {
  identity: string;
  label: string;
  resource: Resource;
  body: PlainObject;
}

export interface ModuleObjects {
  objects: KubeObject[];
  others: OtherResource[];
}

/** Provider resource types whose kind is not the PascalCase of their name. */
const KIND_OF_TYPE: Record<string, string> = {
  kubernetes_daemonset: 'DaemonSet',
  kubernetes_csi_driver: 'CSIDriver',
  kubernetes_csi_driver_v1: 'CSIDriver',
  kubernetes_api_service: 'APIService',
  kubernetes_api_service_v1: 'APIService',
  kubernetes_horizontal_pod_autoscaler_v2: 'HorizontalPodAutoscaler',
  kubernetes_horizontal_pod_autoscaler_v2beta2: 'HorizontalPodAutoscaler',
  kubernetes_pod_disruption_budget_v1: 'PodDisruptionBudget',
  kubernetes_job_v1: 'Job',
  kubernetes_cron_job_v1: 'CronJob',
};

const API_VERSION_OF_KIND: Record<string, string> = {
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  CronJob: 'batch/v1',
  Job: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PriorityClass: 'scheduling.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
};

/** Kinds that live outside namespaces (their import id is the name alone). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PersistentVolume',
  'PriorityClass',
  'CustomResourceDefinition',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ClusterSecretStore',
  'ClusterIssuer',
  'Node',
]);

/** Arguments that steer Terraform or the provider, not the object. */
const TERRAFORM_ONLY = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'timeouts',
  'wait_for_rollout',
  'wait_until_bound',
  'wait_for_load_balancer',
  'wait_for_completion',
  'wait_for_default_service_account',
  'connection',
  'provisioner',
]);

/** Provider resources that patch or read objects rather than declare one. */
const NOT_OBJECTS = /^kubernetes_(manifest|labels|annotations|env|node_taint|default_service_account|token_request)(_v1)?$|_data(_v1)?$/;

/** The kind a provider resource type declares (`kubernetes_daemon_set_v1` → `DaemonSet`), if it is a Kubernetes object. */
export function kindOfType(type: string): string | undefined {
  if (KIND_OF_TYPE[type]) return KIND_OF_TYPE[type];
  const match = /^kubernetes_(.+?)(_v1)?$/.exec(type);
  if (!match || NOT_OBJECTS.test(type)) return undefined;
  return match[1]!
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The apiVersion a typed provider resource of a kind is written with. */
export function apiVersionOfKind(kind: string): string {
  return API_VERSION_OF_KIND[kind] ?? 'v1';
}

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function identityOf(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${groupOf(apiVersion)}|${kind}|${namespace ?? ''}|${name}`;
}

/** Every object and other resource of a module (data sources excluded), normalised. */
export const moduleObjects: (module: TfModule) => ModuleObjects = memo((module) => {
  const objects: KubeObject[] = [];
  const others: OtherResource[] = [];
  const resolve = moduleResolver(module);
  for (const resource of module.resources) {
    if (resource.mode !== 'resource') continue;
    const object = resource.repeated ? undefined : kubeObjectOf(resource, resolve);
    if (object) objects.push(object);
    else
      others.push({
        identity: `terraform|${resource.canonicalType}.${resource.name}`,
        label: resource.address,
        resource,
        body: blockToPlain(resource.block, undefined, resolve),
      });
  }
  return { objects, others };
});

function kubeObjectOf(resource: Resource, resolve: Resolver): KubeObject | undefined {
  if (resource.type === 'kubectl_manifest' || resource.type === 'kubernetes_manifest') return manifestObject(resource, resolve);
  const kind = kindOfType(resource.type);
  if (kind === undefined) return undefined;
  const raw = blockToPlain(resource.block, undefined, resolve);
  const apiVersion = apiVersionOfKind(kind);
  return objectFrom(resource, { apiVersion, kind, ...raw }, 'typed');
}

function manifestObject(resource: Resource, resolve: Resolver): KubeObject | undefined {
  const attribute = resource.block.attributes[resource.type === 'kubectl_manifest' ? 'yaml_body' : 'manifest'];
  const value = attribute?.value();
  if (!attribute || !value) return undefined;
  let body: Plain | undefined;
  if (value.kind === 'string' && value.encodedFrom) body = toPlain(value.encodedFrom, resolve);
  else if (value.kind === 'string') body = parseYamlObject(value.value);
  else if (value.kind === 'object') body = toPlain(value, resolve);
  else if (value.kind === 'unknown') body = templatedYaml(attribute.exprText);
  if (!isObject(body)) return undefined;
  const override = stringOf(resource.block.attributes['override_namespace']?.value());
  if (override !== undefined) body = { ...body, metadata: { ...(isObject(body.metadata) ? body.metadata : {}), namespace: override } };
  return objectFrom(resource, body, 'manifest');
}

function objectFrom(resource: Resource, raw: PlainObject, form: KubeObject['form']): KubeObject | undefined {
  const apiVersion = raw.apiVersion;
  const kind = raw.kind;
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const name = metadata.name;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return undefined;
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind);
  const unknownNamespace = unknownText(metadata.namespace);
  const namespace = clusterScoped
    ? undefined
    : typeof metadata.namespace === 'string'
      ? metadata.namespace
      : unknownNamespace !== undefined
        ? `\${${unknownNamespace}}`
        : 'default';
  let body: PlainObject | undefined;
  return {
    identity: identityOf(apiVersion, kind, namespace, name),
    apiVersion,
    kind,
    namespace,
    name,
    label: `${kind} ${namespace === undefined ? name : `${namespace}/${name}`}`,
    resource,
    // Normalised when first read: a README or an adoption needs the identity of every object, the bodies of a few.
    get body() {
      return (body ??= normaliseObject(kind, raw, true));
    },
    form,
    manifest: () => {
      const normalised = normaliseObject(kind, raw, false);
      const own = isObject(normalised.metadata) ? normalised.metadata : {};
      const metadata: PlainObject = {
        name,
        ...(namespace !== undefined ? { namespace: metadata0(raw).namespace ?? 'default' } : {}),
        ...own,
      };
      return { apiVersion, kind, ...normalised, metadata };
    },
  };
}

function metadata0(raw: PlainObject): PlainObject {
  return isObject(raw.metadata) ? raw.metadata : {};
}

/** The first YAML document of a text, when it is a mapping; undefined when it does not parse. */
export function parseYamlObject(text: string): PlainObject | undefined {
  try {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) return undefined;
    const first = documents.find((document) => document.contents !== null);
    if (!first || first.errors.length > 0) return undefined;
    const value = first.toJS({ maxAliasCount: 100 }) as unknown;
    return isObject(value as Plain) ? (value as PlainObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A YAML heredoc whose interpolations are not all known: each `${...}` stands
 * for an unknown value (a whole scalar) or stays as text inside a longer one.
 */
function templatedYaml(exprText: string): PlainObject | undefined {
  const heredoc = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n([\s\S]*?)\r?\n[ \t]*\2\s*$/.exec(exprText.trim());
  if (!heredoc) return undefined;
  let body = heredoc[3]!;
  if (heredoc[1] === '-') body = dedent(body);
  const unknowns: string[] = [];
  const text = body.replace(/\$\{([^{}]*)\}/g, (_whole, inner: string) => {
    unknowns.push(inner.trim());
    return `__gen_modules_unknown_${unknowns.length - 1}__`;
  });
  const parsed = parseYamlObject(text);
  return parsed === undefined ? undefined : (restoreUnknowns(parsed, unknowns) as PlainObject);
}

function dedent(text: string): string {
  const lines = text.split(/\r?\n/);
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(cut)).join('\n');
}

function restoreUnknowns(value: Plain, unknowns: string[]): Plain {
  if (typeof value === 'string') {
    const whole = /^__gen_modules_unknown_(\d+)__$/.exec(value);
    if (whole) return unknownPlain(unknowns[Number(whole[1])]!);
    return value.replace(/__gen_modules_unknown_(\d+)__/g, (_whole, index: string) => `\${${unknowns[Number(index)]}}`);
  }
  if (Array.isArray(value)) return value.map((item) => restoreUnknowns(item, unknowns));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, restoreUnknowns(inner, unknowns)]));
  return value;
}

// ---------------------------------------------------------------------------
// From the model to plain data

/** Resolves what the evaluator left unknown: another resource's name, else the expression's source text. */
interface Resolver {
  reference(ref: string): LVal | undefined;
  source(range: Range): string | undefined;
}
const NO_RESOLVER: Resolver = { reference: () => undefined, source: () => undefined };

/** `{ $unknown: "var.x" }`: a value only Terraform knows. */
export function unknownPlain(text: string): PlainObject {
  return { $unknown: text };
}

/** The `$unknown` text of a value, when it is one. */
export function unknownText(value: Plain | undefined): string | undefined {
  return isObject(value) && typeof value.$unknown === 'string' && Object.keys(value).length === 1 ? value.$unknown : undefined;
}

/** References to another resource's metadata name or namespace, resolved in the module. */
function moduleResolver(module: TfModule): Resolver {
  const files = new Map(module.files.map((file) => [file.path, file.lines]));
  return {
    reference: (ref) => {
      const field = /\.metadata(?:\[0\]|\.0)\.(name|namespace)$/.exec(ref)?.[1];
      const address = field === undefined ? undefined : refAddress(ref);
      const target = address === undefined ? undefined : module.resource(address);
      const value = target ? attrValue(firstBlock(target.block, 'metadata'), field!) : undefined;
      return value?.kind === 'string' ? value : undefined;
    },
    source: (range) => {
      const lines = files.get(range.file)?.slice(range.line - 1, range.endLine);
      if (!lines || lines.length === 0) return undefined;
      lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, range.endColumn - 1);
      lines[0] = lines[0]!.slice(range.column - 1);
      return lines.join(' ').replace(/\s+/g, ' ').trim();
    },
  };
}

/** A value as plain data; what cannot be known becomes `{ $unknown: <reference> }`. */
export function toPlain(value: LVal, resolve: Resolver = NO_RESOLVER): Plain {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'tuple':
      return value.items.map((item) => toPlain(item, resolve));
    case 'object': {
      const out: PlainObject = {};
      for (const entry of value.entries) out[entry.key] = toPlain(entry.value, resolve);
      return out;
    }
    case 'unknown': {
      const resolved = value.ref === undefined ? undefined : resolve.reference(value.ref);
      return resolved ? toPlain(resolved) : unknownPlain(value.ref ?? resolve.source(value.range) ?? '?');
    }
  }
}

/** Provider block names that are lists in the API, by `parent.child` first, then by `child`. */
const LIST_BLOCKS: Record<string, string> = {
  container: 'containers',
  init_container: 'initContainers',
  ephemeral_container: 'ephemeralContainers',
  port: 'ports',
  env: 'env',
  env_from: 'envFrom',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  volume_claim_template: 'volumeClaimTemplates',
  toleration: 'tolerations',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  topology_spread_constraint: 'topologySpreadConstraints',
  readiness_gate: 'readinessGates',
  match_expressions: 'matchExpressions',
  node_selector_term: 'nodeSelectorTerms',
  preferred_during_scheduling_ignored_during_execution: 'preferredDuringSchedulingIgnoredDuringExecution',
  'pod_affinity.required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  'pod_anti_affinity.required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  items: 'items',
  http_header: 'httpHeaders',
  rule: 'rules',
  'http.path': 'paths',
  tls: 'tls',
  subject: 'subjects',
  ingress: 'ingress',
  egress: 'egress',
  from: 'from',
  to: 'to',
  ports: 'ports',
  option: 'options',
  sysctl: 'sysctls',
  sources: 'sources',
  metric: 'metrics',
};

/** Blocks that look like a list entry above but are a single object in that place. */
const SINGLE_BLOCKS = new Set(['service.port', 'backend.service']);

/** `volume_mount` → `volumeMount`. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_whole, char: string) => char.toUpperCase());
}

/** A provider block (its attributes and nested blocks) as API fields. */
function blockToPlain(block: Block, parent: string | undefined, resolve: Resolver): PlainObject {
  const out: PlainObject = {};
  const top = parent === undefined;
  for (const attribute of Object.values(block.attributes)) {
    if (top && TERRAFORM_ONLY.has(attribute.name)) continue;
    const value = attribute.value();
    out[camel(attribute.name)] =
      value.kind === 'unknown' && value.ref === undefined ? unknownPlain(attribute.exprText.replace(/\s+/g, ' ')) : toPlain(value, resolve);
  }
  for (const inner of block.blocks) {
    if (top && TERRAFORM_ONLY.has(inner.type)) continue;
    const qualified = `${block.type}.${inner.type}`;
    const listName = SINGLE_BLOCKS.has(qualified) ? undefined : (LIST_BLOCKS[qualified] ?? LIST_BLOCKS[inner.type]);
    const value = blockToPlain(inner, block.type, resolve);
    if (listName === undefined) {
      out[camel(inner.type)] = value;
    } else {
      const list = out[listName];
      if (Array.isArray(list)) list.push(value);
      else out[listName] = [value];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Normalisation

function isObject(value: Plain | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys whose values are quantities. */
const QUANTITY_KEYS = new Set(['cpu', 'memory', 'storage', 'ephemeral-storage', 'sizeLimit']);
/** Keys whose values are an int or a port name: numeric strings are numbers. */
const INT_OR_STRING_KEYS = new Set(['targetPort', 'port', 'maxSurge', 'maxUnavailable', 'minAvailable']);
/** Keys whose values are file modes, written in octal by the provider. */
const MODE_KEYS = new Set(['defaultMode', 'mode']);
/** Lists that are sets: order carries no meaning. */
const SET_KEYS = new Set(['accessModes', 'verbs', 'apiGroups', 'resources', 'resourceNames', 'policyTypes', 'entryPoints']);
/** Lists Kubernetes merges by a key: ordered by it, and matched by it when compared. */
export const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort', 'port', 'name'],
  volumeClaimTemplates: ['metadata.name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  subjects: ['name'],
  data: ['secretKey'],
  middlewares: ['name'],
  services: ['name'],
  routes: ['match'],
};
/** Lists whose order Kubernetes keeps (they are matched by key, but not reordered). */
const ORDERED_LISTS = new Set(['initContainers']);

/** The key value of a list item, if the list is keyed and the item has it. */
export function itemKey(listName: string, item: Plain): string | undefined {
  const keys = LIST_KEYS[listName];
  if (!keys || !isObject(item)) return undefined;
  for (const key of keys) {
    let value: Plain | undefined = item;
    for (const step of key.split('.')) value = isObject(value) ? value[step] : undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

function normaliseObject(kind: string, raw: PlainObject, dataAsStructure: boolean): PlainObject {
  const body: PlainObject = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'kind' || key === 'status') continue;
    body[key] = value;
  }
  if (isObject(body.metadata))
    body.metadata = Object.fromEntries(Object.entries(body.metadata).filter(([key]) => key !== 'name' && key !== 'namespace'));
  if (dataAsStructure && kind === 'ConfigMap' && isObject(body.data)) body.data = structuredData(body.data);
  const normalised = normalise(body, [], kind);
  return isObject(normalised) ? normalised : {};
}

/** ConfigMap entries that are YAML or JSON documents, as data. */
function structuredData(data: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(data)) {
    out[key] = value;
    if (typeof value !== 'string' || !/\.(ya?ml|json)$/.test(key)) continue;
    const parsed = parseYamlValue(value);
    if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) out[key] = parsed;
  }
  return out;
}

function parseYamlValue(text: string): Plain | undefined {
  try {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents) || documents.length !== 1 || documents[0]!.errors.length > 0) return undefined;
    return documents[0]!.toJS({ maxAliasCount: 100 }) as Plain;
  } catch {
    return undefined;
  }
}

/** Normalise a value found at `path` (keys, without list indexes) in an object of `kind`. */
function normalise(value: Plain, path: string[], kind: string): Plain | undefined {
  const key = path[path.length - 1] ?? '';
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    let items = value.map((item) => normalise(item, path, kind)).filter((item): item is Plain => item !== undefined);
    if (items.length === 0) return undefined;
    if (SET_KEYS.has(key) && items.every((item) => typeof item === 'string')) items = [...items].sort();
    else if (LIST_KEYS[key] && !ORDERED_LISTS.has(key) && items.every((item) => itemKey(key, item) !== undefined))
      items = [...items].sort((a, b) => compareKeys(itemKey(key, a)!, itemKey(key, b)!));
    return items;
  }
  if (unknownText(value) !== undefined) return value;
  if (isObject(value)) {
    const out: PlainObject = {};
    for (const [name, inner] of Object.entries(value)) {
      const normalised = normalise(inner, [...path, name], kind);
      if (normalised !== undefined && !isDefault(kind, [...path, name], normalised, value)) out[name] = normalised;
    }
    // An empty emptyDir is a volume source; other empty maps say nothing.
    if (Object.keys(out).length === 0 && key !== 'emptyDir') return undefined;
    return out;
  }
  return normaliseScalar(value, path);
}

function compareKeys(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric) return Number(a) - Number(b);
  return compareText(a, b);
}

function normaliseScalar(value: string | number | boolean, path: string[]): Plain {
  const key = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  if (typeof value === 'string') {
    if (INT_OR_STRING_KEYS.has(key) && /^\d+$/.test(value)) return Number(value);
    if (MODE_KEYS.has(key) && /^0[0-7]{3,4}$/.test(value)) return parseInt(value, 8);
    if (QUANTITY_KEYS.has(key) && (parent === 'requests' || parent === 'limits' || parent === 'capacity' || key === 'sizeLimit'))
      return canonicalQuantity(value) ?? value;
  }
  if (typeof value === 'number' && QUANTITY_KEYS.has(key) && (parent === 'requests' || parent === 'limits'))
    return canonicalQuantity(String(value)) ?? value;
  return value;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A quantity in one spelling per value: `1024Mi` → `1Gi`, `0.5` → `500m`, `1000m` → `1`. */
export function canonicalQuantity(text: string): string | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.exec(text.trim());
  if (!match) return undefined;
  const suffix = match[2] ?? '';
  const amount = Number(match[1]) * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
  const milli = Math.round(amount * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const whole = milli / 1000;
  // The shortest spelling; a binary one when two are as short.
  const candidates = [String(whole)];
  for (const [unit, factor] of [...Object.entries(BINARY), ...Object.entries(DECIMAL)])
    if (factor > 1 && whole >= factor && whole % factor === 0) candidates.push(`${whole / factor}${unit}`);
  return candidates.reduce((best, candidate) =>
    candidate.length < best.length || (candidate.length === best.length && candidate.endsWith('i') && !best.endsWith('i'))
      ? candidate
      : best,
  );
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const PROBES = new Set(['livenessProbe', 'readinessProbe', 'startupProbe']);

/**
 * True when a field holds the value the API server would give it when omitted.
 * `path` ends with the field's key; `siblings` is the object that holds it.
 */
function isDefault(kind: string, path: string[], value: Plain, siblings: PlainObject): boolean {
  const key = path[path.length - 1]!;
  const parent = path[path.length - 2] ?? '';
  const where = path.join('.');
  const inPodSpec = parent === 'spec' && path.length >= 3 && path[path.length - 3] === 'template';
  if (inPodSpec) {
    const podDefaults: Record<string, Plain> = {
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      automountServiceAccountToken: true,
      enableServiceLinks: true,
      shareProcessNamespace: false,
    };
    if (kind !== 'Job' && kind !== 'CronJob') podDefaults.restartPolicy = 'Always';
    if (key in podDefaults && podDefaults[key] === value) return true;
  }
  if (parent === 'containers' || parent === 'initContainers') {
    if (key === 'imagePullPolicy') return value === defaultPullPolicy(siblings.image);
    if (key === 'terminationMessagePath' && value === '/dev/termination-log') return true;
    if (key === 'terminationMessagePolicy' && value === 'File') return true;
  }
  if (PROBES.has(parent)) {
    const probeDefaults: Record<string, number> = {
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    };
    if (probeDefaults[key] === value) return true;
  }
  if (key === 'scheme' && parent === 'httpGet' && value === 'HTTP') return true;
  if (key === 'protocol' && parent === 'ports' && value === 'TCP') return true;
  if (key === 'readOnly' && parent === 'volumeMounts' && value === false) return true;
  if (key === 'mountPropagation' && value === 'None') return true;
  if (key === 'optional' && value === false) return true;
  if (key === 'defaultMode' && value === 420) return true;
  if (key === 'type' && parent === 'hostPath' && value === '') return true;
  if (key === 'medium' && parent === 'emptyDir' && value === '') return true;
  if (where === 'spec.replicas' && WORKLOAD_KINDS.has(kind) && value === 1) return true;
  if (where === 'spec.revisionHistoryLimit' && value === 10) return true;
  if (where === 'spec.progressDeadlineSeconds' && value === 600) return true;
  if (where === 'spec.minReadySeconds' && value === 0) return true;
  if (where === 'spec.strategy.type' && kind === 'Deployment' && value === 'RollingUpdate') return true;
  if (where === 'spec.updateStrategy.type' && (kind === 'StatefulSet' || kind === 'DaemonSet') && value === 'RollingUpdate') return true;
  if (where === 'spec.podManagementPolicy' && value === 'OrderedReady') return true;
  if (kind === 'Service') {
    if (where === 'spec.type' && value === 'ClusterIP') return true;
    if (where === 'spec.sessionAffinity' && value === 'None') return true;
    if (where === 'spec.ports.targetPort' && value === siblings.port) return true;
  }
  if (kind === 'CronJob') {
    const cronDefaults: Record<string, Plain> = {
      'spec.concurrencyPolicy': 'Allow',
      'spec.successfulJobsHistoryLimit': 3,
      'spec.failedJobsHistoryLimit': 1,
      'spec.suspend': false,
      'spec.jobTemplate.spec.backoffLimit': 6,
    };
    if (where in cronDefaults && cronDefaults[where] === value) return true;
  }
  if (kind === 'Job' && where === 'spec.backoffLimit' && value === 6) return true;
  if (kind === 'PersistentVolumeClaim' && where === 'spec.volumeMode' && value === 'Filesystem') return true;
  if (where.endsWith('volumeClaimTemplates.spec.volumeMode') && value === 'Filesystem') return true;
  return false;
}

/** The pull policy the API server sets: `Always` for `:latest` or no tag, else `IfNotPresent`. */
function defaultPullPolicy(image: Plain | undefined): string | undefined {
  if (typeof image !== 'string') return undefined;
  const withoutDigest = image.split('@')[0]!;
  const tag = /:([^/:]+)$/.exec(withoutDigest)?.[1];
  if (image.includes('@')) return 'IfNotPresent';
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
