import type { Rule } from '../../rule';
import clusterDns from './cluster-dns';
import ingressBackend from './ingress-backend';
import servicePort from './service-port';
import serviceSelector from './service-selector';
import volumeMounts from './volume-mounts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const consistencyRules: Array<Rule<any>> = [clusterDns, ingressBackend, servicePort, serviceSelector, volumeMounts];
