import type { Component, KubeService, Service, Stack, Text } from '../../spec-api/schema';
import { componentSuffix, serviceSuffix } from '../naming';
import { Expr, expr, template, type HclValue } from '../../hcl/encode';

/** What every view-model builder gets: the validated service and its stack. */
export interface ViewContext {
  service: Service;
  stack: Stack;
}

/** A spec text (string, variable or template) as an HCL value. */
export function text(value: Text): HclValue {
  if (typeof value === 'string') return value;
  if ('var' in value) return expr(`var.${value.var}`);
  return template(...value.template.map((part) => (typeof part === 'string' ? part : expr(`var.${part.var}`))));
}

/** `"${local.app_name}-<suffix>"`, or `local.app_name` alone. */
export function appName(suffix?: string): HclValue {
  return suffix === undefined ? expr('local.app_name') : template(expr('local.app_name'), `-${suffix}`);
}

/** A reference to another resource's name: `kubernetes_service_v1.grafana.metadata[0].name`. */
export function nameOf(type: string, name: string): Expr {
  return expr(`${type}.${name}.metadata[0].name`);
}

/** `null` for empty records so that templates can test them with `{{#if}}`. */
export function nonEmpty<T extends object>(value: T): T | null {
  return Object.keys(value).length > 0 ? value : null;
}

/** Object name of a component's workload: `local.app_name`, or `"${local.app_name}-<component>"`. */
export function componentObjectName({ service }: ViewContext, component: Component): HclValue {
  return appName(componentSuffix(service, component));
}

/** Object name of a Service: the component's, then the Service's own suffix. */
export function serviceObjectName({ service }: ViewContext, component: Component, target: KubeService): HclValue {
  return appName(serviceSuffix(service, component, target));
}
