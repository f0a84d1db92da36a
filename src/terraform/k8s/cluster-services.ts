/**
 * The Services a whole tree of modules declares, by namespace, for rules that
 * check in-cluster names (`<service>.<namespace>.svc.cluster.local`).
 */
import type { TfModule } from '../types';
import { dig, stringOf } from '../values';
import type { ModuleTree, TreeFact } from '../tree';
import { attrValue, firstBlock, metadataName, resourcesOf } from './blocks';
import { manifests } from './manifests';
import { services } from './services';

/** Services every cluster has without a module declaring them. */
const BUILT_IN: ReadonlyArray<[string, string]> = [
  ['default', 'kubernetes'],
  ['kube-system', 'kube-dns'],
];

/** API groups whose objects never create Services (anything else may be an operator's resource that does). */
const INERT_GROUPS: ReadonlySet<string> = new Set([
  '',
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'traefik.io',
  'traefik.containo.us',
  'external-secrets.io',
  'cert-manager.io',
  'monitoring.coreos.com',
]);

export interface ClusterServices {
  /** Namespace → names of the Services declared in it. */
  byNamespace: ReadonlyMap<string, ReadonlySet<string>>;
  /** Namespaces where something may create Services the tree does not name (a Helm release, an operator's resource, a Service of unknown name). */
  open: ReadonlySet<string>;
  /** Something may create Services in a namespace that is not known: no namespace can be judged. */
  anywhere: boolean;
}

/** A namespace as evaluated: absent means `default`; undefined when it cannot be known. */
function namespaceOf(value: ReturnType<typeof attrValue>): string | undefined {
  if (value === undefined || value.kind === 'null') return 'default';
  return stringOf(value);
}

class Collector {
  readonly byNamespace = new Map<string, Set<string>>();
  readonly open = new Set<string>();
  anywhere = false;

  service(namespace: string | undefined, name: string | undefined): void {
    if (namespace === undefined) this.anywhere = true;
    else if (name === undefined) this.open.add(namespace);
    else {
      const names = this.byNamespace.get(namespace) ?? new Set<string>();
      names.add(name);
      this.byNamespace.set(namespace, names);
    }
  }

  opens(namespace: string | undefined): void {
    if (namespace === undefined) this.anywhere = true;
    else this.open.add(namespace);
  }
}

function collectModule(module: TfModule, into: Collector): void {
  for (const service of services(module)) {
    into.service(namespaceOf(attrValue(firstBlock(service.block, 'metadata'), 'namespace')), metadataName(service));
  }
  for (const release of resourcesOf(module, 'helm_release')) {
    if (release.mode === 'resource') into.opens(namespaceOf(attrValue(release.block, 'namespace')));
  }
  for (const manifest of manifests(module)) {
    const namespace = namespaceOf(dig(manifest.body, 'metadata', 'namespace'));
    if (manifest.kind === 'Service' && manifest.apiVersion === 'v1') {
      into.service(namespace, stringOf(dig(manifest.body, 'metadata', 'name')));
      continue;
    }
    const apiVersion = manifest.apiVersion;
    const group = apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (group === undefined || !INERT_GROUPS.has(group)) into.opens(namespace);
  }
  // A manifest whose body could not be read may be anything.
  for (const resource of module.resources) {
    if (resource.mode !== 'resource' || (resource.type !== 'kubectl_manifest' && resource.type !== 'kubernetes_manifest')) continue;
    if (!manifests(module).some((manifest) => manifest.resource === resource)) into.opens(undefined);
  }
}

/** The Services every module of a tree declares, gathered module by module. */
export const CLUSTER_SERVICES: TreeFact<ClusterServices> = {
  gather() {
    const collector = new Collector();
    for (const [namespace, name] of BUILT_IN) collector.service(namespace, name);
    return {
      add: (module) => collectModule(module, collector),
      result: () => ({ byNamespace: collector.byNamespace, open: collector.open, anywhere: collector.anywhere }),
    };
  },
};

/** The Services of every module of the tree. */
export function clusterServices(tree: ModuleTree): ClusterServices {
  return tree.fact(CLUSTER_SERVICES);
}
