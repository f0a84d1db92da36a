import { expr, hcl, type HclValue } from '../../hcl/encode';
import type { Component } from '../../spec-api/schema';
import { text, type ViewContext } from './context';

/**
 * The common label set and the selector labels derived from it, in the stack's
 * label style (or the module's own): `app`/`managed-by`/`environment` (the
 * repository's dominant style) or the `app.kubernetes.io/*` recommended labels.
 * In a module of several components every component's objects also carry a
 * `component` label, and its selectors select on it, so that no Service
 * selects another component's pods.
 */
function kubernetesStyle({ service, stack }: ViewContext): boolean {
  return (service.labels.style ?? stack.labelStyle) === 'kubernetes';
}

export function commonLabels(context: ViewContext): Record<string, HclValue> {
  const { service, stack } = context;
  const extra = Object.fromEntries(Object.entries(service.labels.extra).map(([k, v]) => [k, text(v)]));
  if (kubernetesStyle(context)) {
    const defaults = { 'app.kubernetes.io/managed-by': 'terraform', 'app.kubernetes.io/part-of': stack.environment };
    return { 'app.kubernetes.io/name': expr('local.app_name'), ...(service.labels.defaults ? defaults : {}), ...extra };
  }
  const defaults = { 'managed-by': 'terraform', environment: stack.environment };
  return { app: expr('local.app_name'), ...(service.labels.defaults ? defaults : {}), ...extra };
}

/** Whether the module's components are told apart by a `component` label. */
export function hasComponents({ service }: ViewContext): boolean {
  return service.components.length > 1;
}

function componentKey(context: ViewContext): string {
  return kubernetesStyle(context) ? 'app.kubernetes.io/component' : 'component';
}

export function selectorLabels(context: ViewContext, component?: Component): Record<string, HclValue> {
  const name: Record<string, HclValue> = { [kubernetesStyle(context) ? 'app.kubernetes.io/name' : 'app']: expr('local.app_name') };
  return component && hasComponents(context) ? { ...name, [componentKey(context)]: component.name } : name;
}

/** Labels of a component's objects: `local.labels`, merged with the component label and its own labels when it has any. */
export function componentLabels(context: ViewContext, component: Component): HclValue {
  const own = { ...(hasComponents(context) ? { [componentKey(context)]: component.name } : {}), ...component.labels };
  return Object.keys(own).length === 0 ? expr('local.labels') : expr(`merge(local.labels, ${hcl(own)})`);
}
