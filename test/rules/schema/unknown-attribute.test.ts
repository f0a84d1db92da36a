import rule from '../../../src/lint/rules/schema/unknown-attribute';
import { testRule } from '../../support/rule-tester';
import { deployment } from './_deployment';

testRule(rule, {
  valid: [
    { name: 'every argument is in the schema', code: deployment('          name  = "web"\n          image = "nginx:1.27"\n          args  = ["--port", "8080"]') },
    {
      name: 'meta-arguments on the resource',
      code: `resource "kubernetes_config_map_v1" "settings" {
  count      = 2
  provider   = kubernetes.hestia
  depends_on = [kubernetes_namespace_v1.apps]

  metadata {
    name = "settings-\${count.index}"
  }
}

resource "kubernetes_namespace_v1" "apps" {
  for_each = toset(["a"])

  metadata {
    name = each.key
  }
}
`,
    },
    {
      name: 'arguments inside dynamic blocks and lifecycle',
      code: deployment(
        '          name  = "web"\n          image = "nginx:1.27"\n\n          dynamic "env" {\n            for_each = var.env\n            iterator = item\n            content {\n              name  = item.key\n              value = item.value\n            }\n          }',
        '\n  lifecycle {\n    ignore_changes = [spec[0].replicas]\n  }\n',
      ),
    },
    { name: 'a block name written as an argument is left to type-mismatch', code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata = {\n    name = "apps"\n  }\n}\n` },
    { name: 'unknown resource types and other providers are not judged', code: `resource "kubernetes_nope" "x" {\n  foo = 1\n}\n\nresource "kubectl_manifest" "y" {\n  yaml_body = "{}"\n  wait      = true\n}\n` },
    { name: 'data source arguments', code: `data "kubernetes_secret_v1" "tls" {\n  binary_data = {}\n\n  metadata {\n    name      = "tls"\n    namespace = "traefik"\n  }\n}\n` },
  ],
  invalid: [
    {
      name: 'misspelt container argument',
      code: deployment('          name  = "web"\n          imgae = "nginx:1.27"'),
      expected: [
        {
          messageId: 'unknown',
          line: 23,
          column: 11,
          message:
            'An argument named "imgae" is not expected in kubernetes_deployment_v1 spec.template.spec.container (hashicorp/kubernetes 2.38.0): fix the name or remove it; did you mean "image"?',
        },
      ],
    },
    {
      name: 'misspelt metadata argument and a computed attribute',
      code: `resource "kubernetes_config_map_v1" "settings" {
  metadata {
    name      = "settings"
    namepsace = "apps"
    uid       = "1234"
  }
}
`,
      expected: [
        { messageId: 'unknown', line: 4, column: 5, message: 'An argument named "namepsace" is not expected in kubernetes_config_map_v1 metadata (hashicorp/kubernetes 2.38.0): fix the name or remove it; did you mean "namespace"?' },
        { messageId: 'unknown', line: 5, column: 5, message: 'An argument named "uid" is not expected in kubernetes_config_map_v1 metadata (hashicorp/kubernetes 2.38.0): fix the name or remove it' },
      ],
    },
    {
      name: 'inside the content of a dynamic block',
      code: deployment('          name  = "web"\n          image = "nginx:1.27"\n\n          dynamic "port" {\n            for_each = [80]\n            content {\n              containerPort = port.value\n            }\n          }'),
      expected: [{ messageId: 'unknown', line: 28, column: 15 }],
    },
    {
      name: 'a meta-argument inside a nested block is an ordinary argument',
      code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name  = "apps"\n    count = 1\n  }\n}\n`,
      expected: [{ messageId: 'unknown', line: 4, column: 5 }],
    },
    {
      name: 'a computed attribute of a data source cannot be set',
      code: `data "kubernetes_config_map_v1" "settings" {\n  data = {}\n\n  metadata {\n    name = "settings"\n  }\n}\n`,
      expected: [{ messageId: 'unknown', line: 2, column: 3 }],
    },
  ],
});
