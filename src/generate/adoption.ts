/**
 * Adoption of a hand-written module by the module generated from its imported
 * spec: for each hand-written resource (recorded in `importedFrom`), the
 * generated resource that declares the same Kubernetes object, and the root
 * module blocks that hand the live object over without destroying it:
 *
 * - `moved` when the resource type is the same and only the address changes;
 * - `removed` (keeping the object) plus `import` when the type changes
 *   (`kubernetes_deployment` → `kubernetes_deployment_v1`, or a typed resource
 *   → `kubectl_manifest`): the kubernetes provider cannot move state across types.
 */
import path from 'node:path';
import type { ImportedFrom, Service } from '../spec-api/schema';
import { buildModules } from '../terraform/load';
import { CLUSTER_SCOPED_KINDS, identityOf, moduleObjects } from '../terraform/objects';
import { moduleName } from './naming';
import { byKey } from '../util/compare';

export interface AdoptionBlock {
  kind: 'moved' | 'import';
  /** `module.<old>.<address>`. */
  from: string;
  /** `module.<new>.<address>`. */
  to: string;
  /** The provider's import id (for `import`). */
  id?: string;
}

export interface Adoption {
  service: string;
  /** The hand-written module folder, as recorded. */
  path: string;
  blocks: AdoptionBlock[];
  /** Recorded resources no generated resource declares (Terraform would destroy them): reported, never hidden. */
  unmatched: string[];
}

type Recorded = ImportedFrom['resources'][string];

/** The import id the provider expects for an object: `<namespace>/<name>`, `<name>`, or `apiVersion//kind//name//namespace` for `kubectl_manifest`. */
export function importId(type: string, object: Recorded): string {
  if (type === 'kubectl_manifest') {
    const parts = [object.apiVersion, object.kind, object.name];
    if (object.namespace !== undefined) parts.push(object.namespace);
    return parts.join('//');
  }
  if (type === 'kubernetes_manifest')
    return `apiVersion=${object.apiVersion},kind=${object.kind},${object.namespace !== undefined ? `namespace=${object.namespace},` : ''}name=${object.name}`;
  return object.namespace === undefined || CLUSTER_SCOPED_KINDS.has(object.kind) ? object.name : `${object.namespace}/${object.name}`;
}

/** `kubernetes_deployment.app` → `kubernetes_deployment`. */
function typeOf(address: string): string {
  return address.slice(0, address.indexOf('.'));
}

/** The adoption blocks of one service from its generated module files. */
export async function adoptionOf(service: Service, files: ReadonlyArray<{ path: string; content: string }>): Promise<Adoption | undefined> {
  const record = service.importedFrom;
  if (!record) return undefined;
  const contents = new Map<string, string>();
  const dir = path.resolve('/', 'gen-modules-adoption', service.name);
  for (const file of files) contents.set(path.join(dir, path.posix.basename(file.path)), file.content);
  const [module] = await buildModules(contents);
  const generated = new Map((module ? moduleObjects(module).objects : []).map((object) => [object.identity, object]));
  const newModule = moduleName(service);
  const blocks: AdoptionBlock[] = [];
  const unmatched: string[] = [];
  for (const [address, object] of Object.entries(record.resources).sort(byKey(([address]) => address))) {
    const target = generated.get(identityOf(object.apiVersion, object.kind, object.namespace, object.name));
    if (!target) {
      unmatched.push(address);
      continue;
    }
    const from = `module.${record.module}.${address}`;
    const to = `module.${newModule}.${target.resource.address}`;
    if (from === to) continue;
    if (typeOf(address) === target.resource.type) blocks.push({ kind: 'moved', from, to });
    else blocks.push({ kind: 'import', from, to, id: importId(target.resource.type, object) });
  }
  return { service: service.name, path: record.path, blocks, unmatched };
}

/** A warning per recorded resource no generated resource declares: the first apply would destroy its object. */
export function describeUnadopted(adoptions: readonly Adoption[]): string {
  return adoptions
    .flatMap((adoption) =>
      adoption.unmatched.map(
        (address) =>
          `gen-modules: warning: ${adoption.service}: importedFrom.resources["${address}"] matches no generated object; Terraform would destroy it\n`,
      ),
    )
    .join('');
}
