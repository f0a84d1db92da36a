import { expr, type HclValue } from '../../hcl/encode';
import { allRoutes, hostVariable } from '../../spec-api/naming';
import type { Output } from '../../spec-api/schema';
import { serviceResourceName } from '../naming';
import { text, type ViewContext } from './context';
import { TYPES } from './module';

export interface OutputView {
  name: string;
  description: string;
  value: HclValue;
  sensitive: boolean;
}

export function outputsView(context: ViewContext): OutputView[] {
  const { service } = context;
  const outputs: OutputView[] = [];
  const services = service.components.flatMap((component) => component.services.map((s) => ({ component, s })));
  // One Service: its name is the module's `service_name`; with several, the spec names the ones it exports.
  const only = services.length === 1 ? services[0] : undefined;
  if (only) {
    outputs.push({
      name: 'service_name',
      description: `Name of the ${service.name} Service`,
      value: expr(`${TYPES.service}.${serviceResourceName(only.component, only.s)}.metadata[0].name`),
      sensitive: false,
    });
  }
  allRoutes(service).forEach(({ component, route, index }) => {
    const first = component === service.components[0] && index === 0;
    const name = hostVariable(route);
    outputs.push({
      name,
      description: first ? `Hostname ${service.name} is served on` : `Hostname of ${service.name}'s ${name.replace(/_/g, ' ')} route`,
      value: expr(`var.${name}`),
      sensitive: false,
    });
  });
  outputs.push({ name: 'namespace', description: `Namespace ${service.name} runs in`, value: expr('var.namespace'), sensitive: false });
  for (const [name, output] of Object.entries(service.outputs)) {
    outputs.push({ name, description: output.description, value: outputValue(context, output), sensitive: output.sensitive ?? false });
  }
  return outputs;
}

function outputValue({ service }: ViewContext, output: Output): HclValue {
  const value = output.value;
  if (typeof value === 'object' && 'serviceOf' in value) {
    const component = service.components.find((c) => c.name === value.serviceOf);
    if (!component) throw new Error(`output refers to unknown component ${value.serviceOf}`);
    const target = value.service === undefined ? component.services[0] : component.services.find((s) => s.name === value.service);
    if (!target) throw new Error(`output refers to unknown Service ${value.service ?? ''}`);
    return expr(`${TYPES.service}.${serviceResourceName(component, target)}.metadata[0].name`);
  }
  return text(value);
}
