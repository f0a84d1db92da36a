import rule from '../../../src/lint/rules/schema/missing-required';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';
import { deployment } from './_deployment';

testRule(rule, {
  valid: [
    { name: 'a complete deployment', code: deployment('          name  = "web"\n          image = "nginx:1.27"') },
    { name: 'optional blocks and arguments left out', code: `resource "kubernetes_config_map_v1" "settings" {\n  metadata {\n    name = "settings"\n  }\n}\n` },
    { name: 'a required block given through dynamic', code: `resource "kubernetes_cluster_role_v1" "reader" {\n  metadata {\n    name = "reader"\n  }\n\n  dynamic "rule" {\n    for_each = var.rules\n    content {\n      api_groups = rule.value.groups\n      resources  = rule.value.resources\n      verbs      = ["get"]\n    }\n  }\n}\n` },
    { name: 'required arguments from references', code: `resource "kubernetes_cluster_role_binding_v1" "reader" {\n  metadata {\n    name = var.name\n  }\n\n  role_ref {\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "ClusterRole"\n    name      = kubernetes_cluster_role_v1.reader.metadata[0].name\n  }\n\n  subject {\n    kind = "ServiceAccount"\n    name = "reader"\n  }\n}\n` },
    { name: 'a required name in the wrong form is left to type-mismatch', code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata = {\n    name = "apps"\n  }\n}\n` },
  ],
  invalid: [
    {
      name: 'a helm_release without its chart and a kubectl_manifest without a body',
      code: versions('~> 2.0') + 'resource "helm_release" "redis" {\n  name = "redis"\n}\n\nresource "kubectl_manifest" "empty" {\n  wait = true\n}\n',
      expected: [
        { messageId: 'attribute', line: 13, column: 1 },
        { messageId: 'attribute', line: 17, column: 1 },
      ],
    },
    {
      name: 'container without a name',
      code: deployment('          image = "nginx:1.27"'),
      expected: [
        {
          messageId: 'attribute',
          line: 21,
          column: 9,
          message: 'The argument "name" is required in kubernetes_deployment_v1 spec.template.spec.container, but no definition was found: add it',
        },
      ],
    },
    {
      name: 'deployment without a spec',
      code: `resource "kubernetes_deployment_v1" "web" {\n  metadata {\n    name = "web"\n  }\n}\n`,
      expected: [{ messageId: 'block', line: 1, column: 1, message: 'At least one "spec" block is required in kubernetes_deployment_v1, but none was found: add one' }],
    },
    {
      name: 'cluster role binding without role_ref and subject, and a role_ref without kind',
      code: `resource "kubernetes_cluster_role_binding_v1" "reader" {\n  metadata {\n    name = "reader"\n  }\n}\n\nresource "kubernetes_role_binding_v1" "reader" {\n  metadata {\n    name = "reader"\n  }\n\n  role_ref {\n    api_group = "rbac.authorization.k8s.io"\n    name      = "reader"\n  }\n\n  subject {\n    kind = "ServiceAccount"\n    name = "reader"\n  }\n}\n`,
      expected: [
        { messageId: 'block', line: 1, column: 1, message: 'At least one "role_ref" block is required in kubernetes_cluster_role_binding_v1, but none was found: add one' },
        { messageId: 'block', line: 1, column: 1, message: 'At least one "subject" block is required in kubernetes_cluster_role_binding_v1, but none was found: add one' },
        { messageId: 'attribute', line: 12, column: 3, message: 'The argument "kind" is required in kubernetes_role_binding_v1 role_ref, but no definition was found: add it' },
      ],
    },
    {
      name: 'inside the content of a dynamic block',
      code: `resource "kubernetes_service_v1" "web" {\n  metadata {\n    name = "web"\n  }\n\n  spec {\n    dynamic "port" {\n      for_each = var.ports\n      content {\n        name = port.key\n      }\n    }\n  }\n}\n`,
      expected: [{ messageId: 'attribute', line: 7, column: 5 }],
    },
    {
      name: 'data source without its required metadata',
      code: `data "kubernetes_namespace_v1" "apps" {}\n`,
      expected: [{ messageId: 'block', line: 1, column: 1 }],
    },
  ],
});
