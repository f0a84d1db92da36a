import { template, expr, type HclValue } from '../../hcl/encode';
import { vaultPath } from '../naming';
import { allRoutes } from '../../spec-api/naming';
import type { ViewContext } from './context';

export interface ExternalSecretView {
  resourceName: string;
  /** Name of the ExternalSecret and of the Secret it writes. */
  name: HclValue;
  storeName: string;
  storeKind: string;
  refreshInterval: string;
  data: Array<{ secretKey: string; remoteKey: string; property: string }>;
  /** Keys of the Secret computed from the fetched values (External Secrets templating), or null. */
  template: Record<string, string> | null;
}

/** Basic auth in front of the ingress, when asked for and the stack has no forward auth. */
export function usesBasicAuth({ service, stack }: ViewContext): boolean {
  return allRoutes(service).some(({ route }) => route.auth) && stack.auth.forward === undefined;
}

/**
 * The ExternalSecrets of a module: `<service>-secrets` with the spec's keys, and
 * `<service>-basic-auth` holding the htpasswd line Traefik's basicAuth reads
 * (`users`), computed from the password in Vault. Null when there are none.
 */
export function externalSecretView(context: ViewContext): { secrets: ExternalSecretView[] } | null {
  const { service, stack } = context;
  const store = {
    storeName: stack.secretStore.name,
    storeKind: stack.secretStore.kind,
    refreshInterval: stack.secretStore.refreshInterval,
  };
  const remoteKey = vaultPath(service, stack);
  const secrets: ExternalSecretView[] = [];
  if (service.secrets) {
    secrets.push({
      resourceName: 'external_secret',
      name: template(expr('local.app_name'), '-secrets'),
      ...store,
      data: service.secrets.keys.map((key) => ({ secretKey: key, remoteKey, property: key })),
      template: null,
    });
  }
  if (usesBasicAuth(context)) {
    const { user, passwordProperty } = stack.auth.basic;
    secrets.push({
      resourceName: 'basic_auth_secret',
      name: template(expr('local.app_name'), '-basic-auth'),
      ...store,
      data: [{ secretKey: 'password', remoteKey, property: passwordProperty }],
      template: { users: htpasswdTemplate(user) },
    });
  }
  return secrets.length > 0 ? { secrets } : null;
}

/**
 * An htpasswd line (`user:<bcrypt hash>`) as an External Secrets template. `bcrypt`
 * exists in both of ESO's template function sets; `htpasswd` changed from two
 * arguments to three in ESO v2.1, so a two-argument call fails to template there.
 */
export function htpasswdTemplate(user: string): string {
  return `${user}:{{ .password | bcrypt }}`;
}
