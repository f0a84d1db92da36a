import rule from '../../../src/lint/rules/schema/unknown-attribute';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';
import { deployment } from './_deployment';

testRule(rule, {
  valid: [
    {
      name: 'provider meta-arguments and known helm and kubectl arguments',
      code:
        versions('~> 3.0') +
        release('  values  = [yamlencode({ replica = { replicaCount = 1 } })]\n  timeout = 600\n') +
        manifest('  server_side_apply = true\n  wait              = true\n') +
        '\nprovider "helm" {\n  alias = "hestia"\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}\n',
    },
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
      name: 'a misspelt argument of helm_release and of kubectl_manifest',
      code: versions('~> 3.0') + release('  create_namespce = true\n') + manifest('  yaml_bdy = ""\n'),
      expected: [
        { messageId: 'unknown', line: 19, column: 3, message: 'An argument named "create_namespce" is not expected in helm_release (hashicorp/helm 3.1.1): fix the name or remove it; did you mean "create_namespace"?' },
        { messageId: 'unknown', line: 28, column: 3, message: 'An argument named "yaml_bdy" is not expected in kubectl_manifest (alekc/kubectl 2.1.3): fix the name or remove it; did you mean "yaml_body"?' },
      ],
    },
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
