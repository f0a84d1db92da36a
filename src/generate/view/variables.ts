import type { HclValue } from '../../hcl/encode';
import { imageVariable, storageSizeVariable } from '../../spec-api/naming';
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
  for (const container of [...service.containers, ...service.initContainers]) {
    const image = imageReference(container);
    vars.push({
      name: imageVariable(service, container.name),
      description: `Image tag of ${image} (container ${container.name})`,
      type: 'string',
      default: container.image.tag,
      renovate: `datasource=docker depName=${image}`,
    });
  }
  if (service.ingress) {
    vars.push({
      name: 'hostname',
      description: `Hostname ${service.name} is served on`,
      type: 'string',
      default: service.ingress.host ?? `${service.name}.${stack.domain}`,
      renovate: null,
    });
  }
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
