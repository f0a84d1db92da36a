import { expr, toIdentifier, type HclValue } from '../../hcl/encode';
import type { Component, Manifest, ModuleObject, Text } from '../../spec-api/schema';
import { componentResourceName } from '../naming';
import { appName, componentObjectName, nonEmpty, text, type ViewContext } from './context';
import { componentLabels, selectorLabels } from './labels';
import { configHcl } from './module';

/** A PodDisruptionBudget for one component. */
export interface PdbView {
  resourceName: string;
  name: HclValue;
  labels: HclValue;
  attributes: Record<string, HclValue | undefined>;
  selector: Record<string, HclValue>;
}

export interface NetworkPolicyView {
  resourceName: string;
  name: HclValue;
  labels: HclValue;
  selector: Record<string, HclValue>;
  /** One `ingress` rule admitting these peers on these ports; null denies all ingress. */
  ingress: { from: PeerView[]; ports: Array<{ port: string; protocol: string }> } | null;
}

/** One `from` block: pods (by labels) in namespaces (by name), or an address range. */
export interface PeerView {
  podLabels: Record<string, HclValue> | null;
  namespaceLabels: Record<string, HclValue> | null;
  cidr: string | null;
}

/** A `kubectl_manifest`: a typed custom resource or one of the spec's `manifests`. */
export interface ManifestView {
  resourceName: string;
  comment: string | null;
  body: HclValue;
}

export interface ObjectsView {
  pdbs: PdbView[];
  networkPolicies: NetworkPolicyView[];
  manifests: ManifestView[];
}

/** The module's extra objects (`objects.tf`), or null when the spec has none. */
export function objectsView(context: ViewContext): ObjectsView | null {
  const { service } = context;
  if (service.objects.length === 0 && service.manifests.length === 0) return null;
  const view: ObjectsView = { pdbs: [], networkPolicies: [], manifests: [] };
  for (const object of service.objects) addObject(context, view, object);
  for (const manifest of service.manifests) view.manifests.push(manifestView(manifest));
  return view;
}

/** The component an object applies to: the one it names, else the module's first. */
export function objectComponent({ service }: ViewContext, object: { component?: string }): Component {
  const found = object.component === undefined ? service.components[0] : service.components.find((c) => c.name === object.component);
  if (!found) throw new Error(`object refers to unknown component ${object.component ?? ''}`);
  return found;
}

/** The Terraform name of a typed object: its kind and its component (or its own name). */
export function objectResourceName(context: ViewContext, object: ModuleObject): string {
  if (object.kind === 'Middleware') return `middleware_${toIdentifier(object.name)}`;
  const component = componentResourceName(objectComponent(context, object));
  if (object.kind === 'VerticalPodAutoscaler') return `vpa_${component}`;
  if (object.kind === 'CiliumNetworkPolicy') return `cilium_policy_${component}`;
  return component;
}

export function manifestResourceName(manifest: Manifest): string {
  return `manifest_${toIdentifier(manifest.name)}`;
}

const objectMetadata = (name: HclValue, labels: HclValue, namespaced = true): Record<string, HclValue> => ({
  name,
  ...(namespaced ? { namespace: expr('var.namespace') } : {}),
  labels,
});

function addObject(context: ViewContext, view: ObjectsView, object: ModuleObject): void {
  const resourceName = objectResourceName(context, object);
  if (object.kind === 'Middleware') {
    const { name } = object;
    const spec = middlewareSpec(object);
    view.manifests.push({
      resourceName,
      comment: null,
      body: {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'Middleware',
        metadata: objectMetadata(appName(name), expr('local.labels')),
        spec: spec as HclValue,
      },
    });
    return;
  }
  const component = objectComponent(context, object);
  const name = componentObjectName(context, component);
  const labels = componentLabels(context, component);
  const selector = selectorLabels(context, component);
  switch (object.kind) {
    case 'PodDisruptionBudget':
      view.pdbs.push({
        resourceName,
        name,
        labels,
        attributes: { min_available: object.minAvailable, max_unavailable: object.maxUnavailable },
        selector,
      });
      return;
    case 'NetworkPolicy':
      view.networkPolicies.push({
        resourceName,
        name,
        labels,
        selector,
        ingress:
          object.from.length === 0 && object.ports.length === 0
            ? null
            : {
                from: object.from.map((peer) => networkPeer(context, peer)),
                ports: object.ports.map((p) => ({ port: String(p.port), protocol: p.protocol })),
              },
      });
      return;
    case 'CiliumNetworkPolicy': {
      const fromEndpoints = object.fromComponents.map((other) => ({
        matchLabels: selectorLabels(
          context,
          context.service.components.find((c) => c.name === other),
        ),
      }));
      const rule = nonEmpty({
        ...(object.fromEntities.length > 0 ? { fromEntities: object.fromEntities } : {}),
        ...(fromEndpoints.length > 0 ? { fromEndpoints } : {}),
        ...(object.ports.length > 0
          ? { toPorts: [{ ports: object.ports.map((p) => ({ port: String(p.port), protocol: p.protocol })) }] }
          : {}),
      });
      view.manifests.push({
        resourceName,
        comment: null,
        body: {
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          metadata: objectMetadata(name, labels),
          spec: { endpointSelector: { matchLabels: selector }, ingress: rule ? [rule] : [] },
        },
      });
      return;
    }
    case 'VerticalPodAutoscaler': {
      const policy = nonEmpty({
        ...(object.minAllowed ? { minAllowed: object.minAllowed } : {}),
        ...(object.maxAllowed ? { maxAllowed: object.maxAllowed } : {}),
      });
      view.manifests.push({
        resourceName,
        comment: null,
        body: {
          apiVersion: 'autoscaling.k8s.io/v1',
          kind: 'VerticalPodAutoscaler',
          metadata: objectMetadata(name, labels),
          spec: {
            targetRef: { apiVersion: apiVersionOf(component), kind: component.workload.kind, name },
            updatePolicy: { updateMode: object.updateMode },
            ...(policy ? { resourcePolicy: { containerPolicies: [{ containerName: '*', ...policy }] } } : {}),
          },
        },
      });
      return;
    }
  }
}

/** A typed Middleware's options: its spec. */
export function middlewareSpec(object: Extract<ModuleObject, { kind: 'Middleware' }>): Record<string, HclValue> {
  return Object.fromEntries(Object.entries(object).filter(([key, value]) => key !== 'kind' && key !== 'name' && value !== undefined));
}

function apiVersionOf(component: Component): string {
  return component.workload.kind === 'Job' || component.workload.kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
}

type Peer = Extract<ModuleObject, { kind: 'NetworkPolicy' }>['from'][number];

function networkPeer(context: ViewContext, peer: Peer): PeerView {
  const none: PeerView = { podLabels: null, namespaceLabels: null, cidr: null };
  const namespace = (name: string): Record<string, HclValue> => ({ 'kubernetes.io/metadata.name': name });
  if ('cidr' in peer) return { ...none, cidr: peer.cidr };
  if ('component' in peer) {
    const component = context.service.components.find((c) => c.name === peer.component);
    return { ...none, podLabels: selectorLabels(context, component) };
  }
  if ('podLabels' in peer)
    return { ...none, podLabels: peer.podLabels, namespaceLabels: peer.namespace ? namespace(peer.namespace) : null };
  return { ...none, namespaceLabels: namespace(peer.namespace) };
}

/**
 * One of the spec's `manifests`: the module's metadata (`<module>-<name>`, its
 * namespace and labels) unless the manifest gives its own, then `spec` and the
 * other top-level fields.
 */
function manifestView(manifest: Manifest): ManifestView {
  const own = manifest.metadata ?? {};
  const metadata: Record<string, HclValue> = { name: own.name ?? appName(manifest.name) };
  if (manifest.namespaced) metadata.namespace = own.namespace !== undefined ? text(own.namespace) : expr('var.namespace');
  // Labels given as {} mean none: the object had no labels.
  if (own.labels === undefined) metadata.labels = expr('local.labels');
  else if (Object.keys(own.labels).length > 0) metadata.labels = textMap(own.labels);
  if (own.annotations !== undefined && Object.keys(own.annotations).length > 0) metadata.annotations = textMap(own.annotations);
  const body: Record<string, HclValue> = { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata };
  if (manifest.spec !== undefined) body.spec = configHcl(manifest.spec);
  for (const [field, value] of Object.entries(manifest.fields ?? {})) body[field] = configHcl(value);
  return { resourceName: manifestResourceName(manifest), comment: manifest.reason, body };
}

function textMap(map: Record<string, Text>): Record<string, HclValue> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]));
}
