/**
 * RBAC facts shared by the rbac and ingress rules: which verbs write, which
 * resources are sensitive, and what a role's rules allow.
 */
import { attrValue, blocksOf, stringsOf } from '../../k8s';
import type { Attribute, Block, Resource, TfModule } from '../../types';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);
/** Verbs that hand out more than the role itself holds. */
export const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'];

export const ROLE_TYPES = ['kubernetes_cluster_role', 'kubernetes_role'];
export const BINDING_TYPES = ['kubernetes_cluster_role_binding', 'kubernetes_role_binding'];

export interface RoleRule {
  block: Block;
  /** Known strings of each list; absent attribute → undefined. */
  verbs: string[] | undefined;
  resources: string[] | undefined;
  apiGroups: string[] | undefined;
  attribute(name: 'verbs' | 'resources' | 'api_groups'): Attribute | undefined;
}

/** The `rule` blocks of a ClusterRole or Role (`dynamic "rule"` content included). */
export function roleRules(role: Resource): RoleRule[] {
  return blocksOf(role.block, 'rule').map((block) => ({
    block,
    verbs: listOf(block, 'verbs'),
    resources: listOf(block, 'resources'),
    apiGroups: listOf(block, 'api_groups'),
    attribute: (name) => block.attributes[name],
  }));
}

function listOf(block: Block, name: string): string[] | undefined {
  return block.attributes[name] ? stringsOf(attrValue(block, name)) : undefined;
}

/** True when a known verb of the rule writes. */
export function writes(rule: RoleRule): boolean {
  return (rule.verbs ?? []).some((verb) => WRITE_VERBS.has(verb));
}

/** Roles (ClusterRole, Role) of a module. */
export function roles(module: TfModule): Resource[] {
  return ROLE_TYPES.flatMap((type) => module.resourcesOf(type));
}

/** Roles and bindings of a module. */
export function bindings(module: TfModule): Resource[] {
  return BINDING_TYPES.flatMap((type) => module.resourcesOf(type));
}
