import { WRITE_VERBS, roleRules, roles, type RoleRule } from '../../../terraform/k8s/rbac';
import { createRule } from '../../rule';
import type { Attribute, Resource } from '../../../terraform/types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** Verbs that hand out more than the role itself holds. */
const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'];

/** Core resources whose write access amounts to owning the cluster. */
const CORE_SENSITIVE = ['secrets', 'nodes'];
const RBAC_SENSITIVE = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

const messages = {
  wildcard: 'Rule grants "*" in {{fields}}; list the verbs, resources and API groups the service needs',
  sensitiveWrite: 'Rule lets the service {{verbs}} {{resources}}; drop the write verbs or justify them with a suppression',
  escalatingVerb: 'Rule grants {{verbs}}, which hands out more than this role holds; remove it',
};

type MessageId = keyof typeof messages;

export default createRule({
  id: 'rbac/least-privilege',
  defaultSeverity: 'warning',
  summary: 'Roles avoid wildcards, writes to secrets, RBAC objects or nodes, and the escalate/bind/impersonate verbs.',
  messages,
  check({ module, report }) {
    for (const role of roles(module)) {
      for (const rule of roleRules(role)) checkRule(role, rule, report);
    }
  },
});

type Report = (descriptor: { messageId: MessageId; data: Record<string, string>; range: Attribute['range']; address: string }) => void;

function checkRule(role: Resource, rule: RoleRule, report: Report): void {
  const address = role.address;
  const wildcards = (['api_groups', 'resources', 'verbs'] as const).filter((name) => listFor(rule, name)?.includes('*'));
  const first = wildcards
    .map((name) => rule.attribute(name)!)
    .sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column)[0];
  if (first) report({ messageId: 'wildcard', data: { fields: wildcards.join(', ') }, range: first.range, address });

  const sensitive = sensitiveResources(rule);
  const writeVerbs = (rule.verbs ?? []).filter((verb) => WRITE_VERBS.has(verb));
  const resources = rule.attribute('resources');
  if (sensitive.length > 0 && writeVerbs.length > 0 && resources) {
    report({
      messageId: 'sensitiveWrite',
      data: { verbs: writeVerbs.join('/'), resources: sensitive.join(', ') },
      range: resources.range,
      address,
    });
  }

  const escalating = (rule.verbs ?? []).filter((verb) => ESCALATING_VERBS.includes(verb));
  const verbs = rule.attribute('verbs');
  if (escalating.length > 0 && verbs)
    report({ messageId: 'escalatingVerb', data: { verbs: escalating.join(', ') }, range: verbs.range, address });
}

function listFor(rule: RoleRule, name: 'api_groups' | 'resources' | 'verbs'): string[] | undefined {
  return name === 'api_groups' ? rule.apiGroups : name === 'resources' ? rule.resources : rule.verbs;
}

/**
 * Sensitive resources the rule covers, by API group. A rule without
 * `api_groups` is read as the core group; `*` resources cover every sensitive
 * resource of the groups listed. Subresources (`nodes/proxy`) count as their parent.
 */
function sensitiveResources(rule: RoleRule): string[] {
  const groups = rule.apiGroups ?? [''];
  const core = groups.includes('') || groups.includes('*');
  const rbac = groups.includes(RBAC_GROUP) || groups.includes('*');
  const candidates = [...(core ? CORE_SENSITIVE : []), ...(rbac ? RBAC_SENSITIVE : [])];
  const named = new Set((rule.resources ?? []).map((resource) => resource.split('/')[0]!));
  if (named.has('*')) return candidates;
  return candidates.filter((candidate) => named.has(candidate));
}
