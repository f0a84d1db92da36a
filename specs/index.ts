import alertmanager from './alertmanager';
import grafana from './grafana';
import kubeStateMetrics from './kube-state-metrics';
import meshery from './meshery';
import nodeExporter from './node-exporter';
import prometheus from './prometheus';
import stack from './stack';

export { stack };

/** Every service gen-modules generates, in the order of the root kubernetes.tf. */
export const services = [prometheus, nodeExporter, kubeStateMetrics, alertmanager, grafana, meshery];
