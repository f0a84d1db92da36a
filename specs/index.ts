import grafana from './grafana';
import meshery from './meshery';
import prometheus from './prometheus';
import stack from './stack';

export { stack };

/** Every service gen-modules generates, in the order of the root kubernetes.tf. */
export const services = [prometheus, grafana, meshery];
