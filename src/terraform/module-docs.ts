/**
 * What a module's README tells, read from the module model: its inputs and
 * outputs, the Kubernetes objects it declares and how they connect (route →
 * middleware → Service → workload → claims, ConfigMaps, Secrets ← ExternalSecret
 * ← secret store path; RBAC bindings), the hostnames it serves and the secret
 * store paths and keys its ExternalSecrets read.
 *
 * Objects are read in the API's shape (`moduleObjects`), so typed provider
 * resources (versioned or not) and `kubectl_manifest`/`kubernetes_manifest`
 * bodies connect alike. Which pods a Service selects is the linter's reading
 * (`selectedServices`). Nothing is guessed: a value the evaluator cannot know
 * is shown as the expression that computes it, and a link whose target cannot
 * be told is not drawn.
 */
import type { Block, Resource, TfModule } from './types';
import { kindOfType, moduleObjects, unknownText, type KubeObject, type Plain } from './objects';
import { firstBlock } from './k8s/blocks';
import { selectedServices } from './k8s/services';
import { stringOf } from './values';

export interface DocInput {
  name: string;
  description: string;
  /** The type constraint as written; `any` when there is none. */
  type: string;
  /** The default as written; undefined when the input is required. */
  default: string | undefined;
}

export interface DocOutput {
  name: string;
  description: string;
}

export interface DocNode {
  /** Stable within one README: the resource address, or `kind:name` for an object the module only names. */
  id: string;
  /** The Kubernetes kind (`Deployment`), or the resource type of anything else (`helm_release`). */
  kind: string;
  /** The object's name, or the expression that computes it. */
  name: string;
  /** The Terraform address that declares it; undefined for objects declared elsewhere (a Secret an ExternalSecret writes, a shared Middleware). */
  address: string | undefined;
  /** Declared outside this module (or written by an operator, for a Secret of an ExternalSecret). */
  external: boolean;
  /** `count` or `for_each` when the resource is declared with it: one node stands for every instance. */
  repeated: 'count' | 'for_each' | undefined;
}

export interface DocEdge {
  from: string;
  to: string;
  /** What the link is: `routes to`, `mounts`, `reads`, `binds`... */
  label: string;
}

export interface SecretRead {
  /** The ExternalSecret's name (or expression). */
  externalSecret: string;
  /** `kind/name` of its secret store reference. */
  store: string;
  /** The remote path (`remoteRef.key`), or the expression. */
  path: string;
  /** Properties read at that path; `undefined` for the whole path (`dataFrom.extract`). */
  keys: string[] | undefined;
  /** The Kubernetes Secret it writes. */
  target: string;
}

export interface Hostname {
  /** The host, or the expression that computes it. */
  host: string;
  /** `IngressRoute whoami`, `Ingress vaultwarden`. */
  servedBy: string;
}

export interface ModuleDocs {
  inputs: DocInput[];
  outputs: DocOutput[];
  nodes: DocNode[];
  edges: DocEdge[];
  secrets: SecretRead[];
  hostnames: Hostname[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod']);
/** The kind of a node that stands for a path in a secret store (Vault). */
export const STORE_PATH = 'SecretStorePath';
const TRAEFIK_GROUPS = ['traefik.io/', 'traefik.containo.us/'];

/** Everything a module's README shows, from the model. */
export function moduleDocs(module: TfModule): ModuleDocs {
  const graph = new Graph();
  const { objects, others } = moduleObjects(module);
  for (const object of objects) graph.declare(object);
  for (const other of others) graph.declareOther(module, other.resource);
  const hostnames: Hostname[] = [];
  const secrets: SecretRead[] = [];
  for (const object of objects) {
    if (isTraefik(object, 'IngressRoute')) hostnames.push(...ingressRoute(graph, object));
    else if (object.kind === 'Ingress') hostnames.push(...ingress(graph, object));
    else if (object.kind === 'ExternalSecret' && object.apiVersion.startsWith('external-secrets.io/'))
      secrets.push(...externalSecret(graph, object));
    else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') binding(graph, object);
  }
  for (const selected of selectedServices(module)) {
    const service = graph.byAddress(selected.service.address);
    for (const target of selected.matched) {
      const workload = graph.byAddress(target.resource.address);
      if (service && workload) graph.link(service.id, workload.id, 'selects');
    }
  }
  for (const object of objects) if (WORKLOAD_KINDS.has(object.kind)) workload(graph, object);
  return { inputs: inputs(module), outputs: outputs(module), nodes: graph.nodes, edges: graph.edges, secrets, hostnames };
}

// ---------------------------------------------------------------------------
// Inputs and outputs

function inputs(module: TfModule): DocInput[] {
  return module.variables.map((variable) => ({
    name: variable.name,
    description: stringOf(variable.block.attributes['description']?.value()) ?? '',
    type: variable.block.attributes['type']?.exprText.trim() ?? 'any',
    default: variable.block.attributes['default']?.exprText.trim(),
  }));
}

function outputs(module: TfModule): DocOutput[] {
  return module.outputs.map((output) => ({
    name: output.name,
    description: stringOf(output.block.attributes['description']?.value()) ?? '',
  }));
}

// ---------------------------------------------------------------------------
// The graph of objects

class Graph {
  readonly nodes: DocNode[] = [];
  readonly edges: DocEdge[] = [];
  private readonly ids = new Map<string, DocNode>();
  private readonly addresses = new Map<string, DocNode>();

  declare(object: KubeObject): void {
    this.add({
      id: object.resource.address,
      kind: object.kind,
      name: object.name,
      address: object.resource.address,
      external: false,
      repeated: undefined,
    });
  }

  /** A resource that is not a readable Kubernetes object: repeated, named by an expression, or not Kubernetes at all. */
  declareOther(module: TfModule, resource: Resource): void {
    const manifest = resource.type === 'kubectl_manifest' || resource.type === 'kubernetes_manifest';
    const kind = kindOfType(resource.type) ?? (manifest ? 'manifest' : resource.type);
    const name = manifest ? undefined : metadataNameText(module, resource.block);
    this.add({
      id: resource.address,
      kind,
      name: name ?? resource.name,
      address: resource.address,
      external: false,
      repeated: resource.block.attributes['for_each'] ? 'for_each' : resource.block.attributes['count'] ? 'count' : undefined,
    });
  }

  private add(node: DocNode): DocNode {
    this.nodes.push(node);
    this.ids.set(node.id, node);
    if (node.address !== undefined) this.addresses.set(node.address, node);
    return node;
  }

  byAddress(address: string): DocNode | undefined {
    return this.addresses.get(address);
  }

  /** The module's object of one of the kinds with that name; else a node for an object declared elsewhere. */
  named(kinds: readonly string[], name: Plain | undefined, externalKind = kinds[0]!): DocNode | undefined {
    const text = shown(name);
    if (text === undefined) return undefined;
    const own = this.nodes.find((node) => !node.external && kinds.includes(node.kind) && node.name === text);
    if (own) return own;
    return this.external(`${externalKind}:${text}`, externalKind, text);
  }

  /** A node without a resource of its own (declared elsewhere, unless `external` is false), added once. */
  external(id: string, kind: string, name: string, external = true): DocNode {
    return this.ids.get(id) ?? this.add({ id, kind, name, address: undefined, external, repeated: undefined });
  }

  link(from: string, to: string, label: string): void {
    if (from === to || this.edges.some((e) => e.from === from && e.to === to && e.label === label)) return;
    this.edges.push({ from, to, label });
  }
}

/** The `metadata.name` of a typed resource as written: its value, or the expression. */
function metadataNameText(module: TfModule, block: Block): string | undefined {
  const attribute = firstBlock(block, 'metadata')?.attributes['name'];
  if (!attribute) return undefined;
  return stringOf(attribute.value()) ?? unknownShown(attribute.exprText);
}

/**
 * A value only Terraform knows, as the README shows it: a template written
 * `"vault.${var.domain}"` without its quotes, any other expression as `${var.name}`.
 */
export function unknownShown(expression: string): string {
  const trimmed = expression.trim();
  return /^"[^"\n]*"$/.test(trimmed) ? trimmed.slice(1, -1) : `\${${trimmed}}`;
}

/** A plain value as text: a string as itself, an unknown as its expression, a number as written. */
export function shown(value: Plain | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const expression = unknownText(value);
  return expression === undefined ? undefined : unknownShown(expression);
}

function get(value: Plain | undefined, ...path: string[]): Plain | undefined {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = current[step];
  }
  return current;
}

function list(value: Plain | undefined): Plain[] {
  return Array.isArray(value) ? value : [];
}

function isTraefik(object: KubeObject, kind: string): boolean {
  return object.kind === kind && TRAEFIK_GROUPS.some((group) => object.apiVersion.startsWith(group));
}

// ---------------------------------------------------------------------------
// Routes

/** IngressRoute → Middleware → Service, per route; the hosts of its `match` rules. */
function ingressRoute(graph: Graph, object: KubeObject): Hostname[] {
  const hosts: Hostname[] = [];
  const servedBy = `IngressRoute ${object.name}`;
  for (const route of list(get(object.body, 'spec', 'routes'))) {
    for (const host of hostsOfMatch(get(route, 'match'))) hosts.push({ host, servedBy });
    const middlewares = list(get(route, 'middlewares'))
      .map((m) => graph.named(['Middleware'], get(m, 'name')))
      .filter((node): node is DocNode => node !== undefined);
    const services = list(get(route, 'services'))
      .filter((s) => get(s, 'kind') === undefined || get(s, 'kind') === 'Service')
      .map((s) => graph.named(['Service'], get(s, 'name')))
      .filter((node): node is DocNode => node !== undefined);
    let from = [object.resource.address];
    for (const middleware of middlewares) {
      for (const previous of from) graph.link(previous, middleware.id, 'through');
      from = [middleware.id];
    }
    for (const service of services) for (const previous of from) graph.link(previous, service.id, 'routes to');
  }
  return hosts;
}

/** The hosts a Traefik rule names: ``Host(`a`, `b`)``, ``HostSNI(`a`)``; an unknown rule as its expression. */
function hostsOfMatch(match: Plain | undefined): string[] {
  const text = shown(match);
  if (text === undefined) return [];
  const hosts: string[] = [];
  for (const call of text.matchAll(/\bHost(?:SNI)?\(([^)]*)\)/g))
    for (const quoted of call[1]!.matchAll(/`([^`]*)`/g)) if (quoted[1] !== '*') hosts.push(quoted[1]!);
  // A rule only Terraform knows, without a readable Host(): shown whole rather than guessed at.
  return hosts.length > 0 || typeof match === 'string' ? hosts : [text];
}

function ingress(graph: Graph, object: KubeObject): Hostname[] {
  const hosts: Hostname[] = [];
  const backends = [get(object.body, 'spec', 'defaultBackend')];
  for (const rule of list(get(object.body, 'spec', 'rules'))) {
    const host = shown(get(rule, 'host'));
    if (host !== undefined) hosts.push({ host, servedBy: `Ingress ${object.name}` });
    for (const path of list(get(rule, 'http', 'paths'))) backends.push(get(path, 'backend'));
  }
  for (const backend of backends) {
    const service = graph.named(['Service'], get(backend, 'service', 'name') ?? get(backend, 'serviceName'));
    if (service) graph.link(object.resource.address, service.id, 'routes to');
  }
  return hosts;
}

// ---------------------------------------------------------------------------
// Workloads and what they use

function workload(graph: Graph, object: KubeObject): void {
  const template =
    object.kind === 'Pod'
      ? object.body
      : object.kind === 'CronJob'
        ? get(object.body, 'spec', 'jobTemplate', 'spec', 'template')
        : get(object.body, 'spec', 'template');
  const pod = object.kind === 'Pod' ? get(object.body, 'spec') : get(template, 'spec');
  const from = object.resource.address;
  const use = (kinds: string[], name: Plain | undefined, label: string): void => {
    const node = graph.named(kinds, name);
    if (node) graph.link(from, node.id, label);
  };
  for (const volume of list(get(pod, 'volumes'))) {
    use(['PersistentVolumeClaim'], get(volume, 'persistentVolumeClaim', 'claimName'), 'mounts');
    use(['ConfigMap'], get(volume, 'configMap', 'name'), 'mounts');
    use(['Secret'], get(volume, 'secret', 'secretName'), 'mounts');
    for (const source of list(get(volume, 'projected', 'sources'))) {
      use(['ConfigMap'], get(source, 'configMap', 'name'), 'mounts');
      use(['Secret'], get(source, 'secret', 'name'), 'mounts');
    }
  }
  for (const claim of list(get(object.body, 'spec', 'volumeClaimTemplates'))) {
    const name = shown(get(claim, 'metadata', 'name'));
    if (name === undefined) continue;
    // Declared by the StatefulSet itself: one claim per replica.
    const node = graph.external(`${from}:claim:${name}`, 'PersistentVolumeClaim', `${name} (template)`, false);
    graph.link(from, node.id, 'claims');
  }
  for (const container of [...list(get(pod, 'initContainers')), ...list(get(pod, 'containers'))]) {
    for (const env of list(get(container, 'env'))) {
      use(['Secret'], get(env, 'valueFrom', 'secretKeyRef', 'name'), 'reads');
      use(['ConfigMap'], get(env, 'valueFrom', 'configMapKeyRef', 'name'), 'reads');
    }
    for (const source of list(get(container, 'envFrom'))) {
      use(['Secret'], get(source, 'secretRef', 'name'), 'reads');
      use(['ConfigMap'], get(source, 'configMapRef', 'name'), 'reads');
    }
  }
  use(['ServiceAccount'], get(pod, 'serviceAccountName') ?? get(pod, 'serviceAccount'), 'runs as');
}

// ---------------------------------------------------------------------------
// Secrets and RBAC

/** ExternalSecret → the Secret it writes; each store path → the ExternalSecret. */
function externalSecret(graph: Graph, object: KubeObject): SecretRead[] {
  const spec = get(object.body, 'spec');
  const ref = get(spec, 'secretStoreRef');
  const store = `${shown(get(ref, 'kind')) ?? 'SecretStore'}/${shown(get(ref, 'name')) ?? '?'}`;
  const target = shown(get(spec, 'target', 'name')) ?? object.name;
  const secret = graph.named(['Secret'], target);
  if (secret) graph.link(object.resource.address, secret.id, 'writes');
  const byPath = new Map<string, SecretRead>();
  const read = (path: Plain | undefined, key: string | undefined): void => {
    const text = shown(path);
    if (text === undefined) return;
    let entry = byPath.get(text);
    if (!entry) {
      entry = { externalSecret: object.name, store, path: text, keys: [], target };
      byPath.set(text, entry);
    }
    if (key === undefined) entry.keys = undefined;
    else if (entry.keys && !entry.keys.includes(key)) entry.keys.push(key);
  };
  for (const item of list(get(spec, 'data'))) {
    const remote = get(item, 'remoteRef');
    read(get(remote, 'key'), shown(get(remote, 'property')) ?? shown(get(item, 'secretKey')));
  }
  for (const item of list(get(spec, 'dataFrom'))) read(get(item, 'extract', 'key'), undefined);
  for (const entry of byPath.values()) {
    const node = graph.external(`${STORE_PATH}:${store}:${entry.path}`, STORE_PATH, entry.path);
    graph.link(node.id, object.resource.address, 'read by');
  }
  return [...byPath.values()];
}

/** Binding → role, binding → each subject. */
function binding(graph: Graph, object: KubeObject): void {
  const roleRef = get(object.body, 'roleRef');
  const roleKind = shown(get(roleRef, 'kind')) ?? 'ClusterRole';
  const role = graph.named([roleKind], get(roleRef, 'name'));
  if (role) graph.link(object.resource.address, role.id, 'grants');
  for (const subject of list(get(object.body, 'subjects'))) {
    const kind = shown(get(subject, 'kind')) ?? 'ServiceAccount';
    const node = graph.named([kind], get(subject, 'name'));
    if (node) graph.link(object.resource.address, node.id, 'to');
  }
}
