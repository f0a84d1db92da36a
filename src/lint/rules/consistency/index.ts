import type { AnyRule } from '../../rule';
import clusterDns from './cluster-dns';
import ingressBackend from './ingress-backend';
import servicePort from './service-port';
import serviceSelector from './service-selector';
import volumeMounts from './volume-mounts';

export const consistencyRules: AnyRule[] = [clusterDns, ingressBackend, servicePort, serviceSelector, volumeMounts];
