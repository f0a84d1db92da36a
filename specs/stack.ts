import { defineStack } from 'gen-modules';

/** Cluster-wide settings shared by every service (K3s: Hestia, Heracles, Nyx). */
export default defineStack({
  domain: 'brmartin.co.uk',
  namespace: 'default',
  environment: 'prod',
  tlsSecret: 'wildcard-brmartin-tls',
  labelStyle: 'app',
  ingress: { entryPoint: 'websecure' },
  secretStore: { name: 'vault-backend', kind: 'ClusterSecretStore', pathPrefix: 'nomad/default', refreshInterval: '1h' },
  // MinIO's S3 API Service (the console is a separate Service).
  objectStore: { endpoint: 'http://minio-api.default.svc.cluster.local:9000' },
  keycloak: { url: 'https://sso.brmartin.co.uk', realm: 'prod' },
  storageClasses: {
    // GlusterFS bricks on Heracles and Nyx, exported by NFS-Ganesha.
    'glusterfs-nfs': { bindingMode: 'Immediate', network: true },
    // Node-local disk: survives restarts, not the loss of the node.
    'local-path': { bindingMode: 'WaitForFirstConsumer', network: false },
  },
  persistentClass: 'glusterfs-nfs',
  nodes: {
    hestia: { arch: 'amd64' },
    heracles: { arch: 'arm64' },
    nyx: { arch: 'arm64' },
  },
  providers: {
    // The 2.x releases the committed provider schema (2.38.0) covers; 3.x was not checked.
    kubernetes: { source: 'hashicorp/kubernetes', version: '~> 2.38' },
    kubectl: { source: 'alekc/kubectl', version: '~> 2.1' },
  },
});
