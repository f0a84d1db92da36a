import rule from '../../../src/lint/rules/consistency/service-port';
import { testRule } from '../../support/rule-tester';

const locals = `locals {
  app_name = "web"
  labels = {
    app        = local.app_name
    managed-by = "terraform"
  }
}
`;

/** A deployment with the given container blocks (already indented). */
function deployment(containers: string, extra = ''): string {
  return `
resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = local.app_name
  }

  spec {
    selector {
      match_labels = { app = local.app_name }
    }

    template {
      metadata {
        labels = local.labels
      }

      spec {
${containers}${extra}      }
    }
  }
}
`;
}

const app = `        container {
          name  = "web"
          image = "nginx:1.27"

          port {
            name           = "http"
            container_port = 8080
          }
        }
`;

const sidecar = `        container {
          name  = "exporter"
          image = "nginx/nginx-prometheus-exporter:1.3.0"

          port {
            name           = "metrics"
            container_port = 9113
          }
        }
`;

function service(ports: string, selector = '{ app = local.app_name }'): string {
  return `
resource "kubernetes_service_v1" "web" {
  metadata {
    name = local.app_name
  }

  spec {
    selector = ${selector}
${ports}  }
}
`;
}

const port = (targetPort: string): string => `
    port {
      name        = "http"
      port        = 80
      target_port = ${targetPort}
    }
`;

testRule(rule, {
  valid: [
    { name: 'target_port by name', code: locals + deployment(app) + service(port('"http"')) },
    { name: 'target_port by number', code: locals + deployment(app) + service(port('8080')) },
    { name: 'target_port as a numeric string', code: locals + deployment(app) + service(port('"8080"')) },
    {
      name: 'port of the second container of a multi-container pod',
      code: locals + deployment(app + sidecar) + service(port('"metrics"')),
    },
    {
      name: 'ports from a dynamic block are not known',
      code:
        locals +
        deployment(
          `        container {\n          name  = "web"\n          image = "nginx:1.27"\n\n          dynamic "port" {\n            for_each = { http = 8080 }\n            content {\n              name           = port.key\n              container_port = port.value\n            }\n          }\n        }\n`,
        ) +
        service(port('"web"')),
    },
    {
      name: 'target_port from a variable without default',
      code: `${locals}variable "target_port" {\n  type = string\n}\n${deployment(app)}${service(port('var.target_port'))}`,
    },
    {
      name: 'selector matching no workload is left to service-selector',
      code: locals + deployment(app) + service(port('"nope"'), '{ app = "other" }'),
    },
    {
      name: 'a native sidecar in init_container serves the port',
      code:
        locals +
        deployment(
          app,
          `\n        init_container {\n          name           = "proxy"\n          image          = "envoyproxy/envoy:v1.31.0"\n          restart_policy = "Always"\n\n          port {\n            name           = "proxy"\n            container_port = 10000\n          }\n        }\n`,
        ) +
        service(port('"proxy"')),
    },
    {
      name: 'numeric target_port to a container that declares no ports',
      code:
        locals +
        deployment('        container {\n          name  = "web"\n          image = "nginx:1.27"\n        }\n') +
        service(port('80')),
    },
    { name: 'target_port omitted', code: locals + deployment(app) + service('\n    port {\n      port = 80\n    }\n') },
  ],
  invalid: [
    {
      name: 'unknown port name',
      code: locals + deployment(app) + service(port('"web"')),
      expected: [{ messageId: 'unmatched', line: 50, column: 7 }],
    },
    {
      name: 'unknown port number',
      code: locals + deployment(app) + service(port('80')),
      expected: [{ messageId: 'unmatched', line: 50, column: 7 }],
    },
    {
      name: 'container declares no port',
      code:
        locals +
        deployment('        container {\n          name  = "web"\n          image = "nginx:1.27"\n        }\n') +
        service(port('"http"')),
      expected: [{ messageId: 'unmatched', line: 45, column: 7 }],
    },
    {
      name: 'second of two service ports is wrong',
      code:
        locals +
        deployment(app + sidecar) +
        service(
          port('"http"') + '\n    port {\n      name        = "metrics"\n      port        = 9113\n      target_port = "metric"\n    }\n',
        ),
      expected: [{ messageId: 'unmatched', line: 65, column: 7 }],
    },
    {
      name: 'target_port from a variable default',
      code: `${locals}variable "target_port" {\n  type    = string\n  default = "https"\n}\n${deployment(app)}${service(port('var.target_port'))}`,
      expected: [{ messageId: 'unmatched', line: 54, column: 7 }],
    },
    {
      name: 'a port-less init container does not open the pod to any number',
      code:
        locals +
        deployment(app, '\n        init_container {\n          name  = "migrate"\n          image = "nginx:1.27"\n        }\n') +
        service(port('80')),
      expected: [{ messageId: 'unmatched', line: 55, column: 7 }],
    },
  ],
});
