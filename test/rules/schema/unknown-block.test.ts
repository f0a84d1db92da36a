import rule from '../../../src/lint/rules/schema/unknown-block';
import { testRule } from '../../support/rule-tester';
import { deployment } from './_deployment';

const NAME_IMAGE = '          name  = "web"\n          image = "nginx:1.27"';

testRule(rule, {
  valid: [
    { name: 'probes, env and resources blocks', code: deployment(`${NAME_IMAGE}\n\n          env {\n            name  = "A"\n            value = "1"\n          }\n\n          readiness_probe {\n            http_get {\n              path = "/"\n              port = 80\n            }\n          }`) },
    {
      name: 'lifecycle, provisioner and connection on a resource',
      code: `resource "kubernetes_namespace_v1" "apps" {
  metadata {
    name = "apps"
  }

  lifecycle {
    prevent_destroy = true
  }

  connection {
    host = "example"
  }

  provisioner "local-exec" {
    command = "true"
  }
}
`,
    },
    { name: 'dynamic blocks of known types', code: deployment(`${NAME_IMAGE}\n\n          dynamic "volume_mount" {\n            for_each = var.mounts\n            content {\n              name       = volume_mount.key\n              mount_path = volume_mount.value\n            }\n          }`) },
    { name: 'an argument name written as a block is left to type-mismatch', code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name = "apps"\n\n    labels {\n      app = "apps"\n    }\n  }\n}\n` },
    { name: 'the timeouts block', code: deployment(NAME_IMAGE, '\n  timeouts {\n    create = "5m"\n  }\n') },
    { name: 'a lifecycle block on a data source', code: `data "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name = "apps"\n  }\n\n  lifecycle {\n    postcondition {\n      condition     = true\n      error_message = "never"\n    }\n  }\n}\n` },
  ],
  invalid: [
    {
      name: 'misspelt probe block',
      code: deployment(`${NAME_IMAGE}\n\n          livenes_probe {\n            period_seconds = 10\n          }`),
      expected: [
        {
          messageId: 'unknown',
          line: 25,
          column: 11,
          message:
            'Blocks of type "livenes_probe" are not expected in kubernetes_deployment_v1 spec.template.spec.container (hashicorp/kubernetes 2.38.0): fix the name or remove the block; did you mean "liveness_probe"?',
        },
      ],
    },
    {
      name: 'a misspelt dynamic block',
      code: deployment(`${NAME_IMAGE}\n\n          dynamic "volume_mounts" {\n            for_each = var.mounts\n            content {\n              name = volume_mount.key\n            }\n          }`),
      expected: [{ messageId: 'unknown', line: 25, column: 11, message: 'Blocks of type "volume_mounts" are not expected in kubernetes_deployment_v1 spec.template.spec.container (hashicorp/kubernetes 2.38.0): fix the name or remove the block; did you mean "volume_mount"?' }],
    },
    {
      name: 'a block placed one level too high',
      code: `resource "kubernetes_service_v1" "web" {\n  metadata {\n    name = "web"\n  }\n\n  port {\n    port = 80\n  }\n}\n`,
      expected: [{ messageId: 'unknown', line: 6, column: 3 }],
    },
    {
      name: 'provisioner inside a nested block, and connection on a data source',
      code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name = "apps"\n\n    provisioner "local-exec" {\n      command = "true"\n    }\n  }\n}\n\ndata "kubernetes_namespace_v1" "default" {\n  metadata {\n    name = "default"\n  }\n\n  connection {\n    host = "x"\n  }\n}\n`,
      expected: [
        { messageId: 'unknown', line: 5, column: 5 },
        { messageId: 'unknown', line: 16, column: 3 },
      ],
    },
  ],
});
