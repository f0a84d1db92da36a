/**
 * Roles, bindings and the rules they grant.
 */
import type { Attribute, Block, Resource, TfModule } from '../types';
import { stringsOf } from '../values';
import { attrValue, blocksOf, memo, resourcesOf } from './blocks';

/** Verbs that change objects. */
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);

const ROLE_TYPES = ['kubernetes_cluster_role', 'kubernetes_role'];
const BINDING_TYPES = ['kubernetes_cluster_role_binding', 'kubernetes_role_binding'];

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
export const roles: (module: TfModule) => readonly Resource[] = memo((module) => ROLE_TYPES.flatMap((type) => resourcesOf(module, type)));

/** RoleBindings and ClusterRoleBindings of a module. */
export const bindings: (module: TfModule) => readonly Resource[] = memo((module) =>
  BINDING_TYPES.flatMap((type) => resourcesOf(module, type)),
);
