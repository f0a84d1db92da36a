import type { ViewContext } from './context';

export interface ExternalSecretView {
  storeName: string;
  storeKind: string;
  refreshInterval: string;
  data: Array<{ secretKey: string; remoteKey: string; property: string }>;
}

/** The ExternalSecret that syncs `<service>-secrets` from Vault, or null when the service has no secrets. */
export function externalSecretView({ service, stack }: ViewContext): ExternalSecretView | null {
  if (!service.secrets) return null;
  const remoteKey = service.secrets.vaultPath ?? `${stack.secretStore.pathPrefix}/${service.name}`;
  return {
    storeName: stack.secretStore.name,
    storeKind: stack.secretStore.kind,
    refreshInterval: stack.secretStore.refreshInterval,
    data: service.secrets.keys.map((key) => ({ secretKey: key, remoteKey, property: key })),
  };
}
