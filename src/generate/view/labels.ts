import { expr, type HclValue } from '../../hcl/encode';
import type { ViewContext } from './context';

/**
 * The common label set and the selector labels derived from it, in the stack's
 * label style: `app`/`managed-by`/`environment` (the repository's dominant
 * style) or the `app.kubernetes.io/*` recommended labels.
 */
export function commonLabels({ stack }: ViewContext): Record<string, HclValue> {
  if (stack.labelStyle === 'kubernetes') {
    return {
      'app.kubernetes.io/name': expr('local.app_name'),
      'app.kubernetes.io/managed-by': 'terraform',
      'app.kubernetes.io/part-of': stack.environment,
    };
  }
  return { app: expr('local.app_name'), 'managed-by': 'terraform', environment: stack.environment };
}

export function selectorLabels({ stack }: ViewContext): Record<string, HclValue> {
  return stack.labelStyle === 'kubernetes' ? { 'app.kubernetes.io/name': expr('local.app_name') } : { app: expr('local.app_name') };
}
