import rule from '../../../src/lint/rules/rbac/least-privilege';
import { testRule } from '../../support/rule-tester';

function clusterRole(rules: string, type = 'kubernetes_cluster_role_v1'): string {
  return `resource "${type}" "app" {
  metadata {
    name = "app"
  }
${rules}}
`;
}

function ruleBlock(apiGroups: string, resources: string, verbs: string): string {
  return `
  rule {
    api_groups = ${apiGroups}
    resources  = ${resources}
    verbs      = ${verbs}
  }
`;
}

testRule(rule, {
  valid: [
    { name: 'read-only scrape role', code: clusterRole(ruleBlock('[""]', '["nodes", "pods", "services"]', '["get", "list", "watch"]')) },
    {
      name: 'writes to ordinary workloads',
      code: clusterRole(ruleBlock('["apps"]', '["deployments"]', '["create", "update", "patch", "delete"]')),
    },
    {
      name: 'non-resource urls',
      code: clusterRole(`
  rule {
    non_resource_urls = ["/metrics"]
    verbs             = ["get"]
  }
`),
    },
    {
      name: 'unknown verbs from a variable',
      code: `variable "verbs" {
  description = "Verbs granted on secrets"
  type        = list(string)
}

${clusterRole(ruleBlock('[""]', '["secrets"]', 'var.verbs'), 'kubernetes_role_v1')}`,
    },
    {
      name: 'dynamic rules read only, role with count',
      code: `resource "kubernetes_role" "reader" {
  count = var.enabled ? 1 : 0

  metadata {
    name      = "reader"
    namespace = var.namespace
  }

  dynamic "rule" {
    for_each = ["configmaps", "services"]
    content {
      api_groups = [""]
      resources  = [rule.value]
      verbs      = ["get", "list"]
    }
  }
}
`,
    },
    { name: 'read secrets only', code: clusterRole(ruleBlock('[""]', '["secrets"]', '["get", "watch", "list"]')) },
  ],
  invalid: [
    {
      name: 'wildcard resources and groups, read only',
      code: clusterRole(ruleBlock('["*"]', '["*"]', '["get", "list", "watch"]')),
      expected: [
        {
          messageId: 'wildcard',
          line: 7,
          column: 5,
          message: 'Rule grants "*" in api_groups, resources; list the verbs, resources and API groups the service needs',
        },
      ],
    },
    {
      name: 'write on secrets',
      code: clusterRole(ruleBlock('[""]', '["secrets", "configmaps"]', '["get", "update", "patch"]'), 'kubernetes_role_v1'),
      expected: [
        {
          messageId: 'sensitiveWrite',
          line: 8,
          column: 5,
          message: 'Rule lets the service update/patch secrets; drop the write verbs or justify them with a suppression',
        },
      ],
    },
    {
      name: 'wildcard verbs on rbac objects',
      code: clusterRole(ruleBlock('["rbac.authorization.k8s.io"]', '["clusterrolebindings"]', '["*"]'), 'kubernetes_cluster_role'),
      expected: [
        { messageId: 'wildcard', line: 9, column: 5 },
        { messageId: 'sensitiveWrite', line: 8, column: 5 },
      ],
    },
    {
      name: 'escalating verbs',
      code: clusterRole(ruleBlock('["rbac.authorization.k8s.io"]', '["clusterroles"]', '["bind", "escalate"]')),
      expected: [
        {
          messageId: 'escalatingVerb',
          line: 9,
          column: 5,
          message: 'Rule grants bind, escalate, which hands out more than this role holds; remove it',
        },
      ],
    },
    {
      name: 'impersonate and node writes in separate rules',
      code: clusterRole(
        ruleBlock('[""]', '["users", "serviceaccounts"]', '["impersonate"]') + ruleBlock('[""]', '["nodes/status"]', '["patch"]'),
      ),
      expected: [
        { messageId: 'escalatingVerb', line: 9, column: 5 },
        { messageId: 'sensitiveWrite', line: 14, column: 5 },
      ],
    },
    {
      name: 'wildcard resources of the core group with write verbs',
      code: clusterRole(ruleBlock('[""]', '["*"]', '["delete"]')),
      expected: [
        {
          messageId: 'wildcard',
          line: 8,
          column: 5,
          message: 'Rule grants "*" in resources; list the verbs, resources and API groups the service needs',
        },
        {
          messageId: 'sensitiveWrite',
          line: 8,
          column: 5,
          message: 'Rule lets the service delete secrets, nodes; drop the write verbs or justify them with a suppression',
        },
      ],
    },
  ],
});
