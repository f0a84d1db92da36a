import { defineStack } from 'gen-modules';

/** The stack every golden case generates against: three nodes, two storage classes, Vault behind External Secrets. */
export default defineStack({
  domain: 'home.example.net',
  tlsSecret: 'wildcard-home-tls',
  keycloak: { url: 'https://sso.home.example.net', realm: 'home' },
  storageClasses: {
    'glusterfs-nfs': { bindingMode: 'Immediate', network: true },
    'local-path': { bindingMode: 'WaitForFirstConsumer', network: false },
  },
  persistentClass: 'glusterfs-nfs',
  nodes: {
    hestia: { arch: 'amd64' },
    heracles: { arch: 'arm64' },
    nyx: { arch: 'arm64' },
  },
});
