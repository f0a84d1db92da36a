import rule from '../../../src/lint/rules/schema/unknown-block';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';
import { deployment } from './_deployment';

const NAME_IMAGE = '          name  = "web"\n          image = "nginx:1.27"';

testRule(rule, {
  valid: [
    {
      name: 'helm 2.x: set blocks in a release and a kubernetes block in the provider',
      code:
        versions('~> 2.12') +
        release('\n  set {\n    name  = "replica.replicaCount"\n    value = "1"\n  }\n') +
        '\nprovider "helm" {\n  kubernetes {\n    config_path = "~/.kube/config"\n  }\n}\n',
    },
    {
      name: 'a helm constraint no committed schema covers is not checked',
      code: versions('~> 4.0') + release('\n  sett {\n    name = "a"\n  }\n'),
    },
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
      name: 'helm 2.x: a misspelt set block',
      code: versions('~> 2.12') + release('\n  sett {\n    name  = "replica.replicaCount"\n    value = "1"\n  }\n'),
      expected: [{ messageId: 'unknown', line: 20, column: 3, message: 'Blocks of type "sett" are not expected in helm_release (hashicorp/helm 2.17.0): fix the name or remove the block; did you mean "set"?' }],
    },
    {
      name: 'kubectl_manifest: a block wait_for does not have',
      code: versions('~> 3.0') + manifest('\n  wait_for {\n    fields {\n      key   = "status.phase"\n      value = "Active"\n    }\n  }\n'),
      expected: [{ messageId: 'unknown', line: 22, column: 5 }],
    },
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
