import { expr, type HclValue } from '../../hcl/encode';
import { resourceName } from '../naming';
import type { ViewContext } from './context';
import { TYPES } from './module';

export interface RbacView {
  resourceName: string;
  serviceAccountRef: HclValue;
  clusterRoleRef: HclValue;
  reason: string | null;
  /** The reason on one line, for the suppression comment that accepts broad rules on purpose. */
  suppressionReason: string | null;
  rules: Array<{ reason: string | null; attributes: Record<string, HclValue | undefined> }>;
  hasClusterRole: boolean;
}

/** ServiceAccount, ClusterRole and binding; null when the service needs none. */
export function rbacView({ service }: ViewContext): RbacView | null {
  if (!service.rbac && !service.serviceAccount) return null;
  const name = resourceName(service);
  return {
    resourceName: name,
    serviceAccountRef: expr(`${TYPES.serviceAccount}.${name}.metadata[0].name`),
    clusterRoleRef: expr(`${TYPES.clusterRole}.${name}.metadata[0].name`),
    reason: service.rbac?.reason ?? null,
    suppressionReason: service.rbac?.reason?.replace(/\s+/g, ' ') ?? null,
    hasClusterRole: service.rbac !== undefined,
    rules: (service.rbac?.clusterRules ?? []).map((rule) => ({
      reason: rule.reason ?? null,
      attributes: {
        api_groups: rule.apiGroups,
        resources: rule.resources,
        resource_names: rule.resourceNames,
        non_resource_urls: rule.nonResourceURLs,
        verbs: rule.verbs,
      },
    })),
  };
}
