import rule from '../../../src/lint/rules/consistency/ingress-backend';
import { testRule } from '../../support/rule-tester';

const service = `locals {
  app_name = "web"
}

resource "kubernetes_service_v1" "web" {
  metadata {
    name = local.app_name
  }

  spec {
    selector = { app = local.app_name }

    port {
      name        = "http"
      port        = 80
      target_port = "http"
    }
  }
}
`;

/** An IngressRoute whose single service entry is `entry` (indented for its place). */
function route(entry: string, routeNamespace = 'var.namespace'): string {
  return `
resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
    metadata = {
      name      = local.app_name
      namespace = ${routeNamespace}
    }
    spec = {
      entryPoints = ["websecure"]
      routes = [{
        match = "Host(\`web.example.com\`)"
        kind  = "Rule"
        services = [{
${entry}
        }]
      }]
    }
  })
}
`;
}

const byRef = (port: string): string => `          name = kubernetes_service_v1.web.metadata[0].name\n          port = ${port}`;

function ingress(name: string, port: string, metadata = ''): string {
  return `
resource "kubernetes_ingress_v1" "web" {
  metadata {
    name = local.app_name
${metadata}  }

  spec {
    rule {
      host = "web.example.com"

      http {
        path {
          path = "/"

          backend {
            service {
              name = ${name}

              port {
                ${port}
              }
            }
          }
        }
      }
    }
  }
}
`;
}

const namespace = 'variable "namespace" {\n  type    = string\n  default = "default"\n}\n';

/** The module creates the namespace its route lives in: its Services are all the Services there. */
const owned = `resource "kubernetes_namespace_v1" "web" {
  metadata {
    name = "web"
  }
}
`;
const ownedRef = 'kubernetes_namespace_v1.web.metadata[0].name';

testRule(rule, {
  valid: [
    {
      name: 'a route to a Service of a shared namespace another module or chart may define',
      code: service + namespace + route('          name = "wbe"\n          port = 80'),
    },
    {
      name: 'a route to a chart Service in kube-system',
      code: service + namespace + route('          name = "traefik-dashboard"\n          port = 9000', '"kube-system"'),
    },
    {
      name: 'a route in an owned namespace beside a Helm chart that may define the Service',
      code: `${service}${owned}resource "helm_release" "ui" {\n  name      = "ui"\n  chart     = "ui"\n  namespace = ${ownedRef}\n}\n${route('          name = "ui"\n          port = 80', ownedRef)}`,
    },
    {
      name: 'a route in an owned namespace to a Service in another namespace',
      code:
        service +
        owned +
        route('          name      = "traefik"\n          namespace = "kube-system"\n          port      = 9000', ownedRef),
    },
    { name: 'kubernetes_ingress_v1 outside an owned namespace', code: service + ingress('"api"', 'number = 80') },
    { name: 'IngressRoute by reference and port number', code: service + namespace + route(byRef('80')) },
    {
      name: 'IngressRoute by literal name and port name',
      code: service + namespace + route('          name = "web"\n          port = "http"'),
    },
    {
      name: 'a TraefikService backend is not a Kubernetes Service',
      code: service + namespace + route('          name = "canary"\n          kind = "TraefikService"'),
    },
    {
      name: 'a Service in another namespace',
      code: service + namespace + route('          name      = "grafana"\n          namespace = "monitoring"\n          port      = 3000'),
    },
    {
      name: 'name from a variable without default',
      code: `${service}variable "namespace" {\n  type = string\n}\n\nvariable "backend" {\n  type = string\n}\n${route('          name = var.backend\n          port = 8080')}`,
    },
    {
      name: 'kubernetes_ingress_v1 with port number',
      code: service + ingress('kubernetes_service_v1.web.metadata[0].name', 'number = 80'),
    },
    { name: 'kubernetes_ingress_v1 with port name', code: service + ingress('"web"', 'name = "http"') },
    {
      name: 'Service ports from a dynamic block are not known',
      code:
        service.replace(
          '    port {\n      name        = "http"\n      port        = 80\n      target_port = "http"\n    }',
          '    dynamic "port" {\n      for_each = var.ports\n      content {\n        port = port.value\n      }\n    }',
        ) +
        namespace +
        route(byRef('8443')),
    },
  ],
  invalid: [
    {
      name: 'IngressRoute literal name of no Service in the namespace the module owns',
      code: service + owned + route('          name = "wbe"\n          port = 80', ownedRef),
      expected: [{ messageId: 'unknownService', line: 40, column: 11 }],
    },
    {
      name: 'IngressRoute port number the Service lacks',
      code: service + namespace + route(byRef('8080')),
      expected: [{ messageId: 'unknownPort', line: 40, column: 11 }],
    },
    {
      name: 'IngressRoute port name the Service lacks',
      code: service + namespace + route(byRef('"https"')),
      expected: [{ messageId: 'unknownPort', line: 40, column: 11 }],
    },
    {
      name: 'kubernetes_ingress_v1 literal name of no Service in the namespace the module owns',
      code: service + owned + ingress('"api"', 'number = 80', '    namespace = "web"\n'),
      expected: [{ messageId: 'unknownService', line: 42, column: 15 }],
    },
    {
      name: 'kubernetes_ingress_v1 port the Service lacks',
      code: service + ingress('kubernetes_service_v1.web.metadata[0].name', 'number = 443'),
      expected: [{ messageId: 'unknownPort', line: 39, column: 17 }],
    },
  ],
});
