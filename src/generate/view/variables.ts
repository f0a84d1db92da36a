import type { HclValue } from '../../hcl/encode';
import { allContainers, allRoutes, hostVariable, imageVariable, storageSizeVariable } from '../../spec-api/naming';
import type { ViewContext } from './context';
import { imageReference } from './container';

export interface VariableView {
  name: string;
  description: string;
  type: string;
  default: HclValue;
  /** `# renovate: datasource=docker depName=<image>` above the default, for image tags. */
  renovate: string | null;
}

/** The module's inputs: the ones every module of this shape has, then the spec's own. */
export function variablesView(context: ViewContext): VariableView[] {
  const { service, stack } = context;
  const vars: VariableView[] = [
    { name: 'namespace', description: 'Kubernetes namespace to deploy into', type: 'string', default: stack.namespace, renovate: null },
  ];
  const seen = new Set<string>();
  for (const container of allContainers(service)) {
    const name = imageVariable(service, container.name);
    // Containers that name the same tag variable share it: declared once, for the first.
    if (seen.has(name)) continue;
    seen.add(name);
    const image = imageReference(container, service);
    const sharers = allContainers(service).filter((c) => imageVariable(service, c.name) === name);
    vars.push({
      name,
      description: `Image tag of ${image} (container${sharers.length > 1 ? 's' : ''} ${sharers.map((c) => c.name).join(', ')})`,
      type: 'string',
      default: container.image.tag,
      renovate: `datasource=docker depName=${image}`,
    });
  }
  allRoutes(service).forEach(({ component, route, index }) => {
    const first = component === service.components[0] && index === 0;
    vars.push({
      name: hostVariable(route),
      description: first
        ? `Hostname ${service.name} is served on`
        : `Hostname of ${service.name}'s ${hostVariable(route).replace(/_/g, ' ')} route`,
      type: 'string',
      default: route.host ?? `${service.name}.${stack.domain}`,
      renovate: null,
    });
  });
  for (const [key, claim] of Object.entries(service.persistence)) {
    vars.push({
      name: storageSizeVariable(service, key),
      description: `Size of the ${key} volume`,
      type: 'string',
      default: claim.size,
      renovate: null,
    });
  }
  for (const [name, v] of Object.entries(service.variables)) {
    vars.push({ name, description: v.description, type: v.type, default: v.default, renovate: null });
  }
  return vars;
}
