import rule from '../../../src/lint/rules/schema/too-many-blocks';
import { testRule } from '../../support/rule-tester';
import { deployment } from './_deployment';

const NAME_IMAGE = '          name  = "web"\n          image = "nginx:1.27"';

testRule(rule, {
  valid: [
    { name: 'one of each single block', code: deployment(`${NAME_IMAGE}\n\n          liveness_probe {\n            period_seconds = 10\n          }`) },
    { name: 'list blocks repeated', code: deployment(`${NAME_IMAGE}\n\n          port {\n            container_port = 80\n          }\n\n          port {\n            container_port = 443\n          }`) },
    { name: 'a dynamic block beside a static one of a single type', code: deployment(`${NAME_IMAGE}\n\n          resources {\n            limits = { memory = "1Gi" }\n          }\n\n          dynamic "resources" {\n            for_each = []\n            content {}\n          }`) },
    { name: 'the same single block in two containers', code: deployment(`${NAME_IMAGE}\n\n          liveness_probe {\n            period_seconds = 10\n          }\n        }\n\n        container {\n          name = "sidecar"\n\n          liveness_probe {\n            period_seconds = 10\n          }`) },
    { name: 'repeated lifecycle blocks are not the provider schema', code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name = "apps"\n  }\n\n  provisioner "local-exec" {\n    command = "a"\n  }\n\n  provisioner "local-exec" {\n    command = "b"\n  }\n}\n` },
  ],
  invalid: [
    {
      name: 'metadata twice',
      code: `resource "kubernetes_namespace_v1" "apps" {\n  metadata {\n    name = "apps"\n  }\n\n  metadata {\n    labels = { app = "apps" }\n  }\n}\n`,
      expected: [
        {
          messageId: 'duplicate',
          line: 6,
          column: 3,
          message: 'No more than one "metadata" block is allowed in kubernetes_namespace_v1: merge this block into the one on line 2',
        },
      ],
    },
    {
      name: 'two liveness probes in one container',
      code: deployment(`${NAME_IMAGE}\n\n          liveness_probe {\n            period_seconds = 10\n          }\n\n          liveness_probe {\n            timeout_seconds = 5\n          }`),
      expected: [{ messageId: 'duplicate', line: 29, column: 11, message: 'No more than one "liveness_probe" block is allowed in kubernetes_deployment_v1 spec.template.spec.container: merge this block into the one on line 25' }],
    },
    {
      name: 'three selectors report the second and the third',
      code: `resource "kubernetes_deployment_v1" "web" {\n  metadata {\n    name = "web"\n  }\n\n  spec {\n    selector {}\n    selector {}\n    selector {}\n  }\n}\n`,
      expected: [
        { messageId: 'duplicate', line: 8, column: 5 },
        { messageId: 'duplicate', line: 9, column: 5 },
      ],
    },
    {
      name: 'duplicate timeouts on a resource and duplicate metadata on a data source',
      code: `resource "kubernetes_service_v1" "web" {\n  metadata {\n    name = "web"\n  }\n\n  timeouts {\n    create = "1m"\n  }\n\n  timeouts {\n    create = "2m"\n  }\n}\n\ndata "kubernetes_secret_v1" "tls" {\n  metadata {\n    name = "a"\n  }\n\n  metadata {\n    name = "b"\n  }\n}\n`,
      expected: [
        { messageId: 'duplicate', line: 10, column: 3 },
        { messageId: 'duplicate', line: 20, column: 3 },
      ],
    },
  ],
});
