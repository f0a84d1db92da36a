import rule from '../../../src/lint/rules/ingress/tls';
import { testRule } from '../../support/rule-tester';

function ingressRoute(spec: string, apiVersion = 'traefik.io/v1alpha1'): string {
  return `resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "${apiVersion}"
    kind       = "IngressRoute"
    metadata = {
      name      = "web"
      namespace = var.namespace
    }
    spec = {
${spec}    }
  })
}
`;
}

const ROUTES = `      routes = [{
        match = "Host(\`web.brmartin.co.uk\`)"
        kind  = "Rule"
        services = [{
          name = kubernetes_service_v1.web.metadata[0].name
          port = 80
        }]
      }]
`;
const TLS = `      tls = {
        secretName = "wildcard-brmartin-tls"
      }
`;

testRule(rule, {
  valid: [
    { name: 'websecure with tls', code: ingressRoute(`      entryPoints = ["websecure"]\n${ROUTES}${TLS}`) },
    { name: 'legacy api group', code: ingressRoute(`      entryPoints = ["websecure"]\n${ROUTES}${TLS}`, 'traefik.containo.us/v1alpha1') },
    { name: 'entry points from a variable', code: ingressRoute(`      entryPoints = var.entry_points\n${ROUTES}${TLS}`) },
    {
      name: 'other tls entry point by option',
      code: ingressRoute(`      entryPoints = ["websecure", "internal-tls"]\n${ROUTES}${TLS}`),
      options: { tlsEntryPoints: ['websecure', 'internal-tls'] },
    },
    {
      name: 'ingress with a dynamic tls block and for_each',
      code: `resource "kubernetes_ingress_v1" "web" {
  for_each = var.hosts

  metadata {
    name = each.key
  }

  spec {
    dynamic "tls" {
      for_each = [each.value]
      content {
        hosts       = [tls.value]
        secret_name = "wildcard-brmartin-tls"
      }
    }
  }
}
`,
    },
    {
      name: 'a middleware is not an ingress route',
      code: `resource "kubectl_manifest" "redirect" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata = {
      name = "redirect"
    }
    spec = {
      redirectScheme = {
        scheme = "https"
      }
    }
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'plain web entry point',
      code: ingressRoute(`      entryPoints = ["web", "websecure"]\n${ROUTES}${TLS}`),
      expected: [
        {
          messageId: 'plainEntryPoint',
          line: 10,
          column: 7,
          message: 'IngressRoute listens on web; set entryPoints to ["websecure"] only',
        },
      ],
    },
    {
      name: 'no tls section',
      code: ingressRoute(`      entryPoints = ["websecure"]\n${ROUTES}`),
      expected: [{ messageId: 'noTls', line: 9, column: 5 }],
    },
    {
      name: 'no entry points and no tls',
      code: ingressRoute(ROUTES, 'traefik.containo.us/v1alpha1'),
      expected: [
        { messageId: 'noEntryPoints', line: 9, column: 5 },
        { messageId: 'noTls', line: 9, column: 5 },
      ],
    },
    {
      name: 'websecure is not tls when the option says otherwise',
      code: ingressRoute(`      entryPoints = ["websecure"]\n${ROUTES}${TLS}`),
      options: { tlsEntryPoints: ['https'] },
      expected: [{ messageId: 'plainEntryPoint', line: 10, column: 7 }],
    },
    {
      name: 'ingress without tls',
      code: `resource "kubernetes_ingress_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    ingress_class_name = "traefik"

    rule {
      host = "web.brmartin.co.uk"
    }
  }
}
`,
      expected: [{ messageId: 'ingressNoTls', line: 6, column: 3 }],
    },
  ],
});
