import {
  attr,
  attrString,
  attrValue,
  blocksOf,
  firstBlock,
  metadataName,
  moduleName,
  refAddress,
  resolveResource,
  resourcesOf,
} from '../../../terraform/k8s/blocks';
import { traefikManifests, type Manifest } from '../../../terraform/k8s/manifests';
import { bindings, roleRules, roles, writes } from '../../../terraform/k8s/rbac';
import { selects, serviceSelector, services } from '../../../terraform/k8s/services';
import { workloads, type Workload } from '../../../terraform/k8s/workloads';
import type { Constitution } from '../../constitution';
import { createRule } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, LVal, Resource, TfModule } from '../../../terraform/types';
import { dig, entryOf, itemsOf, stringOf } from '../../../terraform/values';

export default createRule({
  id: 'ingress/auth',
  defaultSeverity: 'error',
  summary: 'IngressRoutes to admin UIs or to workloads with write RBAC have a basicAuth/forwardAuth middleware.',
  messages: {
    noAuth:
      'Route to {{target}} has no authentication middleware ({{reason}}); add a Middleware with basicAuth or forwardAuth to its middlewares',
  },
  check({ module, constitution, report }) {
    const middlewares = traefikManifests(module, 'Middleware');
    for (const route of traefikManifests(module, 'IngressRoute')) {
      for (const item of itemsOf(dig(route.body, 'spec', 'routes')) ?? []) {
        const need = needsAuth(module, constitution, item);
        if (!need) continue;
        if (isProtected(item, route, middlewares, constitution) !== false) continue;
        report({
          messageId: 'noAuth',
          data: { target: need.target, reason: need.reason },
          range: routeRange(item),
          address: route.resource.address,
        });
      }
    }
  },
});

/** Where a route is reported: its middlewares, else its match rule, else the route itself. */
function routeRange(route: LVal): Range {
  return (entryOf(route, 'middlewares') ?? entryOf(route, 'match'))?.keyRange ?? route.range;
}

// -- does the route need auth? ----------------------------------------------------

interface Need {
  target: string;
  reason: string;
}

function needsAuth(module: TfModule, constitution: Constitution, route: LVal): Need | undefined {
  const required = new Set(constitution.authRequired);
  const folder = moduleName(module);
  for (const service of itemsOf(dig(route, 'services')) ?? []) {
    const name = dig(service, 'name');
    const resource = resolveResource(module, name, services(module));
    const serviceName = (resource && metadataName(resource)) ?? stringOf(name);
    const target = serviceName !== undefined ? `Service "${serviceName}"` : 'the Service';
    if (required.has(folder)) return { target, reason: `module "${folder}" is in authRequired` };
    if (serviceName !== undefined && required.has(serviceName)) return { target, reason: `"${serviceName}" is in authRequired` };
    const pods = resource ? selectedWorkloads(module, resource) : [];
    const named = pods.map((w) => w.resource).find((r) => required.has(r.name) || required.has(metadataName(r) ?? ''));
    if (named) return { target, reason: `workload "${named.name}" is in authRequired` };
    const writer = pods.map((w) => writingAccount(module, w)).find((account) => account !== undefined);
    if (writer) return { target, reason: `its ServiceAccount ${writer} is bound to a role with write verbs` };
  }
  return undefined;
}

/** Workloads whose pod labels certainly carry every selector label of the Service. */
function selectedWorkloads(module: TfModule, service: Resource): Workload[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  return workloads(module).filter((workload) => selects(selector.value, attrValue(workload.podMetadata, 'labels')) === true);
}

/** `"name"` of the workload's ServiceAccount when a binding of the module gives it a role that writes. */
function writingAccount(module: TfModule, workload: Workload): string | undefined {
  const accountAttr = attr(workload.podSpec, 'service_account_name');
  if (!accountAttr) return undefined;
  const accounts = resourcesOf(module, 'kubernetes_service_account');
  const account = resolveResource(module, accountAttr.value(), accounts);
  const accountName = (account && metadataName(account)) ?? stringOf(accountAttr.value());
  for (const binding of bindings(module)) {
    const bound = blocksOf(binding.block, 'subject').some(
      (subject) =>
        attrString(subject, 'kind') === 'ServiceAccount' && names(module, subject.attributes['name'], account, accountName, accounts),
    );
    if (!bound) continue;
    const role = resolveResource(module, attrValue(firstBlock(binding.block, 'role_ref'), 'name'), roles(module));
    if (role && roleRules(role).some(writes)) return `"${accountName ?? account?.name ?? '?'}"`;
  }
  return undefined;
}

/** True when a subject's `name` is the account: the same resource, or the same known name. */
function names(
  module: TfModule,
  attribute: Attribute | undefined,
  account: Resource | undefined,
  accountName: string | undefined,
  accounts: readonly Resource[],
): boolean {
  if (!attribute) return false;
  const value = attribute.value();
  const resolved = resolveResource(module, value, accounts);
  if (account && resolved === account) return true;
  return accountName !== undefined && stringOf(value) === accountName;
}

// -- is the route protected? --------------------------------------------------------

/** true/false when known; undefined when a middleware cannot be resolved (unknown stays unknown). */
function isProtected(route: LVal, ingress: Manifest, middlewares: Manifest[], constitution: Constitution): boolean | undefined {
  const entry = entryOf(route, 'middlewares');
  if (!entry) return false;
  const items = itemsOf(entry.value);
  if (!items) return undefined;
  const namespace = dig(ingress.body, 'metadata', 'namespace');
  let unknownSeen = false;
  for (const item of items) {
    const verdict = isAuthReference(item, namespace, middlewares, constitution, new Set());
    if (verdict === true) return true;
    if (verdict === undefined) unknownSeen = true;
  }
  return unknownSeen ? undefined : false;
}

/** Whether one middleware reference (`{ name, namespace }`) is an authentication middleware. */
function isAuthReference(
  item: LVal,
  defaultNamespace: LVal | undefined,
  middlewares: Manifest[],
  constitution: Constitution,
  seen: Set<Manifest>,
): boolean | undefined {
  const name = item.kind === 'object' ? dig(item, 'name') : item;
  if (name?.kind === 'unknown') {
    const target = middlewares.find((m) => m.resource.address === refAddress(name.ref));
    return target ? isAuthMiddleware(target, middlewares, constitution, seen) : undefined;
  }
  const text = stringOf(name);
  if (text === undefined) return false;
  const namespace = (item.kind === 'object' ? dig(item, 'namespace') : undefined) ?? defaultNamespace;
  if (listedInConstitution(text, namespace, constitution)) return true;
  const verdicts = middlewares
    .filter((m) => stringOf(dig(m.body, 'metadata', 'name')) === text)
    .map((m) => isAuthMiddleware(m, middlewares, constitution, seen));
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}

/** `name` entries match by name; `namespace/name` entries need the namespace too (an unknown one may be it). */
function listedInConstitution(name: string, namespace: LVal | undefined, constitution: Constitution): boolean {
  const ns = namespace?.kind === 'unknown' ? undefined : stringOf(namespace);
  return constitution.authMiddlewares.some((entry) => {
    const slash = entry.indexOf('/');
    if (slash === -1) return entry === name;
    if (entry.slice(slash + 1) !== name) return false;
    return namespace?.kind === 'unknown' || ns === entry.slice(0, slash);
  });
}

/** basicAuth or forwardAuth, directly or through a `chain` of middlewares. */
function isAuthMiddleware(
  middleware: Manifest,
  middlewares: Manifest[],
  constitution: Constitution,
  seen: Set<Manifest>,
): boolean | undefined {
  if (seen.has(middleware)) return false;
  seen.add(middleware);
  const spec = dig(middleware.body, 'spec');
  if (spec?.kind === 'unknown') return undefined;
  if (dig(spec, 'basicAuth') !== undefined || dig(spec, 'forwardAuth') !== undefined) return true;
  const chain = dig(spec, 'chain', 'middlewares');
  if (chain === undefined) return false;
  const links = itemsOf(chain);
  if (!links) return undefined;
  const namespace = dig(middleware.body, 'metadata', 'namespace');
  const verdicts = links.map((link) => isAuthReference(link, namespace, middlewares, constitution, seen));
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}
