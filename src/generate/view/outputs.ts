import { expr, type HclValue } from '../../hcl/encode';
import { resourceName } from '../naming';
import type { ViewContext } from './context';
import { TYPES } from './module';

export interface OutputView {
  name: string;
  description: string;
  value: HclValue;
}

export function outputsView({ service }: ViewContext): OutputView[] {
  const name = resourceName(service);
  const outputs: OutputView[] = [];
  if (service.service) {
    outputs.push({
      name: 'service_name',
      description: `Name of the ${service.name} Service`,
      value: expr(`${TYPES.service}.${name}.metadata[0].name`),
    });
  }
  if (service.ingress) {
    outputs.push({ name: 'hostname', description: `Hostname ${service.name} is served on`, value: expr('var.hostname') });
  }
  outputs.push({ name: 'namespace', description: `Namespace ${service.name} runs in`, value: expr('var.namespace') });
  return outputs;
}
