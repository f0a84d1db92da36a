import { attr, attrValue, descendants, firstBlock, resourcesOf } from '../../../terraform/k8s/blocks';
import { manifests, type Manifest } from '../../../terraform/k8s/manifests';
import { findService, ownsServicesOf, portIn, servicePorts } from '../../../terraform/k8s/services';
import { createRule, type RuleContext } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { LVal, Resource } from '../../../terraform/types';
import { asText, dig, entryOf, stringOf, valuesEqual } from '../../../terraform/values';

/**
 * An ingress backend names a Service and one of its ports. A typo there is
 * accepted by Terraform and by the API server, and only shows as a 404 or a
 * 503 at the edge; the module has everything needed to catch it earlier.
 */

interface Backend {
  name: { value: LVal; range: Range };
  /** The namespace the Service is looked up in: the entry's own, else the route's; undefined when none is written. */
  namespace: LVal | undefined;
  port: { value: LVal; range: Range } | undefined;
  address: string;
}

export default createRule({
  id: 'consistency/ingress-backend',
  defaultSeverity: 'error',
  summary: 'Ingress and IngressRoute backends name a Service and a port the module defines (in a namespace the module owns)',
  messages: {
    unknownService:
      'Backend Service "{{name}}" is not defined in this module, which owns its namespace: refer to the Service resource (kubernetes_service_v1.<name>.metadata[0].name) or fix the name',
    unknownPort: 'Service "{{service}}" has no port {{port}} (it has: {{ports}}): use one of its port numbers or names',
  },
  check(context) {
    const backends = [
      ...manifests(context.module).flatMap(routeBackends),
      ...resourcesOf(context.module, 'kubernetes_ingress').flatMap(ingressBackends),
    ];
    for (const backend of backends) checkBackend(context, backend);
  },
});

function checkBackend(context: RuleContext<Record<string, never>>, backend: Backend): void {
  const lookup = findService(context.module, backend.name.value);
  // Only a namespace the module owns outright proves a name missing; elsewhere a chart or another module may define it.
  if (lookup.kind === 'missing' && ownsServicesOf(context.module, backend.namespace)) {
    const name = stringOf(backend.name.value) ?? '';
    context.report({ messageId: 'unknownService', data: { name }, range: backend.name.range, address: backend.address });
    return;
  }
  if (lookup.kind !== 'found' || !backend.port) return;
  const ports = servicePorts(lookup.service);
  // A Service without ports is malformed in ways this rule does not describe.
  if (!ports.complete || ports.ports.length === 0 || portIn(backend.port.value, ports) !== false) return;
  const listed = ports.ports.map((p) => [p.number, p.name].filter((x) => x !== undefined).join('/')).join(', ') || 'none';
  const data = { service: lookup.service.name, port: asText(backend.port.value) ?? '', ports: listed };
  context.report({ messageId: 'unknownPort', data, range: backend.port.range, address: backend.address });
}

/** `spec.routes[].services[]` of Traefik IngressRoutes that point at Kubernetes Services. */
function routeBackends(manifest: Manifest): Backend[] {
  if (!manifest.kind?.startsWith('IngressRoute') || !manifest.apiVersion?.startsWith('traefik.')) return [];
  const routes = dig(manifest.body, 'spec', 'routes');
  const namespace = dig(manifest.body, 'metadata', 'namespace');
  const out: Backend[] = [];
  for (const route of routes?.kind === 'tuple' ? routes.items : []) {
    const services = dig(route, 'services');
    for (const service of services?.kind === 'tuple' ? services.items : []) {
      const backend = routeService(service, namespace, manifest.resource);
      if (backend) out.push(backend);
    }
  }
  return out;
}

function routeService(service: LVal, namespace: LVal | undefined, resource: Resource): Backend | undefined {
  const name = entryOf(service, 'name');
  const kind = entryOf(service, 'kind');
  // TraefikService backends are Traefik objects, not Kubernetes Services.
  if (!name || (kind && stringOf(kind.value) !== 'Service')) return undefined;
  // A Service in another namespace belongs to another module.
  const otherNamespace = entryOf(service, 'namespace');
  if (otherNamespace && (namespace === undefined || valuesEqual(otherNamespace.value, namespace) !== true)) return undefined;
  const port = entryOf(service, 'port');
  return {
    name: { value: name.value, range: name.keyRange },
    namespace: otherNamespace?.value ?? namespace,
    port: port && { value: port.value, range: port.keyRange },
    address: resource.address,
  };
}

/** `backend { service { name, port { number | name } } }` anywhere in a kubernetes_ingress_v1. */
function ingressBackends(ingress: Resource): Backend[] {
  if (ingress.mode !== 'resource') return [];
  return descendants(ingress.block)
    .filter((block) => block.type === 'backend')
    .flatMap((backend) => {
      const service = firstBlock(backend, 'service');
      const name = attr(service, 'name');
      if (!service || !name) return [];
      const portBlock = firstBlock(service, 'port');
      const port = attr(portBlock, 'number') ?? attr(portBlock, 'name');
      return [
        {
          name: { value: name.value(), range: name.range },
          namespace: attrValue(firstBlock(ingress.block, 'metadata'), 'namespace'),
          port: port && { value: port.value(), range: port.range },
          address: ingress.address,
        },
      ];
    });
}
