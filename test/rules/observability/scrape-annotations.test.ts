import rule from '../../../src/lint/rules/observability/scrape-annotations';
import { testRule } from '../../support/rule-tester';

/** A deployment with a metrics sidecar; `annotations` goes into the pod template metadata. */
function deployment(annotations = '', portName = 'metrics'): string {
  return `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    selector {
      match_labels = { app = "web" }
    }

    template {
      metadata {
        labels = { app = "web" }
${annotations}      }

      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
        }

        container {
          name  = "exporter"
          image = "nginx/nginx-prometheus-exporter:1.3.0"

          port {
            name           = "${portName}"
            container_port = 9113
          }
        }
      }
    }
  }
}
`;
}

function service(annotations = '', selector = '{ app = "web" }'): string {
  return `
resource "kubernetes_service_v1" "web" {
  metadata {
    name = "web"
${annotations}  }

  spec {
    selector = ${selector}

    port {
      name        = "metrics"
      port        = 9113
      target_port = "metrics"
    }
  }
}
`;
}

const scrape = (indent: string): string => `${indent}annotations = {\n${indent}  "prometheus.io/scrape" = "true"\n${indent}}\n`;

testRule(rule, {
  valid: [
    { name: 'pod template annotated', code: deployment(scrape('        ')) },
    { name: 'Service annotated covers its pods', code: deployment() + service(scrape('    ')) },
    { name: 'annotated pods cover the Service', code: deployment(scrape('        ')) + service() },
    {
      name: 'annotations from a variable without default',
      code: 'variable "pod_annotations" {\n  type = map(string)\n}\n\n' + deployment('        annotations = var.pod_annotations\n'),
    },
    { name: 'no port named metrics', code: deployment('', 'http') },
    {
      name: 'Service selector unknown, Service annotated',
      code: 'variable "selector" {\n  type = map(string)\n}\n\n' + deployment() + service(scrape('    '), 'var.selector'),
    },
    {
      name: 'a custom annotation through options',
      code: deployment('        annotations = {\n          "example.com/scrape" = "true"\n        }\n'),
      options: { annotation: 'example.com/scrape' },
    },
  ],
  invalid: [
    { name: 'container port without annotation', code: deployment(), expected: [{ messageId: 'pod', line: 27, column: 13 }] },
    {
      name: 'Service and pods both unannotated',
      code: deployment() + service(),
      expected: [
        { messageId: 'pod', line: 27, column: 13 },
        { messageId: 'service', line: 45, column: 7 },
      ],
    },
    {
      name: 'other annotations only',
      code: deployment('        annotations = {\n          "checksum/config" = "abc"\n        }\n'),
      expected: [{ messageId: 'pod', line: 30, column: 13 }],
    },
    {
      name: 'a Service selecting other pods does not cover these',
      code: deployment() + service(scrape('    '), '{ app = "other" }'),
      expected: [{ messageId: 'pod', line: 27, column: 13 }],
    },
    {
      name: 'port names through options',
      code: deployment(scrape('        ').replace('prometheus.io', 'example.com'), 'prom'),
      options: { portNames: ['prom'] },
      expected: [{ messageId: 'pod', line: 30, column: 13 }],
    },
  ],
});
