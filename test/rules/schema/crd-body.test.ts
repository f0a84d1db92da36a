import rule from '../../../src/lint/rules/schema/crd-body';
import { testRule } from '../../support/rule-tester';

const ingressRoute = (route: string, extra = ''): string => `resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
    metadata = {
      name      = "web"
      namespace = var.namespace
    }
    spec = {
      entryPoints = ["websecure"]
      routes = [
        {
${route}
        },
      ]
      tls = {
        secretName = "wildcard-brmartin-tls"
      }${extra}
    }
  })
}
`;

const ROUTE = `          match = "Host(\`web.brmartin.co.uk\`)"
          kind  = "Rule"
          services = [
            {
              name = kubernetes_service_v1.web.metadata[0].name
              port = 80
            },
          ]`;

const externalSecret = (spec: string, apiVersion = 'external-secrets.io/v1'): string => `resource "kubectl_manifest" "external_secret" {
  yaml_body = yamlencode({
    apiVersion = "${apiVersion}"
    kind       = "ExternalSecret"
    metadata = {
      name      = "web-secrets"
      namespace = var.namespace
    }
    spec = {
${spec}
    }
  })
}
`;

const ES_SPEC = `      refreshInterval = "1h"
      secretStoreRef = {
        name = "vault-backend"
        kind = "ClusterSecretStore"
      }
      target = {
        name           = "web-secrets"
        creationPolicy = "Owner"
      }
      data = [
        {
          secretKey = "DB_PASSWORD"
          remoteRef = {
            key      = "nomad/default/web"
            property = "DB_PASSWORD"
          }
        },
      ]`;

testRule(rule, {
  valid: [
    { name: 'an IngressRoute as the repository writes it', code: ingressRoute(`${ROUTE}\n          middlewares = [{ name = "auth", namespace = "traefik" }]`) },
    { name: 'an ExternalSecret as the repository writes it', code: externalSecret(ES_SPEC) },
    {
      name: 'a Middleware',
      code: `resource "kubectl_manifest" "auth" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata = {
      name = "auth"
    }
    spec = {
      forwardAuth = {
        address             = "http://authelia.auth.svc:9091/api/verify"
        authResponseHeaders = ["Remote-User"]
        trustForwardHeader  = true
      }
    }
  })
}
`,
    },
    {
      name: 'unknown parts are not judged',
      code: ingressRoute(`          match    = var.match\n          services = local.services`) + externalSecret(`      secretStoreRef = var.store\n      target         = { name = local.secret_name }\n      data           = [for key in var.keys : { secretKey = key, remoteRef = { key = var.path, property = key } }]`),
    },
    { name: 'other kinds and groups are not judged', code: `resource "kubectl_manifest" "cert" {\n  yaml_body = yamlencode({\n    apiVersion = "cert-manager.io/v1"\n    kind       = "Certificate"\n    metadata   = { name = "x" }\n    spec       = { whatever = 1 }\n  })\n}\n\nresource "kubectl_manifest" "tls" {\n  yaml_body = yamlencode({\n    apiVersion = "traefik.io/v1alpha1"\n    kind       = "TLSOption"\n    metadata   = { name = "default" }\n    spec       = { minVersion = "VersionTLS12" }\n  })\n}\n` },
    { name: 'a PushSecret keeps v1alpha1', code: `resource "kubectl_manifest" "push" {\n  yaml_body = yamlencode({\n    apiVersion = "external-secrets.io/v1alpha1"\n    kind       = "PushSecret"\n    metadata   = { name = "x" }\n    spec       = {}\n  })\n}\n` },
  ],
  invalid: [
    {
      name: 'a misspelt route field leaves match missing',
      code: ingressRoute(ROUTE.replace('match =', 'mach  =')),
      expected: [
        { messageId: 'missing', line: 12, column: 9, message: 'IngressRoute kubectl_manifest.ingress_route lacks the required field "spec.routes[0].match": add it' },
        { messageId: 'unknownField', line: 13, column: 11, message: 'IngressRoute kubectl_manifest.ingress_route has no field "spec.routes[0].mach": fix the name or remove it; did you mean "match"?' },
      ],
    },
    {
      name: 'a wrong route kind and a service without a name',
      code: ingressRoute(ROUTE.replace('"Rule"', '"Route"').replace('name = kubernetes_service_v1.web.metadata[0].name', 'service = "web"')),
      expected: [
        { messageId: 'invalid', line: 14, column: 19, message: 'IngressRoute kubectl_manifest.ingress_route field "spec.routes[0].kind": expected "Rule", received "Route"; fix the value' },
        { messageId: 'missing', line: 16, column: 13, message: 'IngressRoute kubectl_manifest.ingress_route lacks the required field "spec.routes[0].services[0].name": add it' },
        { messageId: 'unknownField', line: 17, column: 15, message: 'IngressRoute kubectl_manifest.ingress_route has no field "spec.routes[0].services[0].service": fix the name or remove it' },
      ],
    },
    {
      name: 'ExternalSecret with a misspelt store ref, a missing remote key and a wrong type',
      code: externalSecret(ES_SPEC.replace('secretStoreRef', 'secretStorRef').replace('key      = "nomad/default/web"', 'path     = "nomad/default/web"').replace('refreshInterval = "1h"', 'refreshInterval = 3600')),
      expected: [
        { messageId: 'missing', line: 9, column: 12, message: 'ExternalSecret kubectl_manifest.external_secret lacks the required field "spec.secretStoreRef": add it' },
        { messageId: 'invalid', line: 10, column: 25, message: 'ExternalSecret kubectl_manifest.external_secret field "spec.refreshInterval": expected string, received number 3600; fix the value' },
        { messageId: 'unknownField', line: 11, column: 7, message: 'ExternalSecret kubectl_manifest.external_secret has no field "spec.secretStorRef": fix the name or remove it; did you mean "secretStoreRef"?' },
        { messageId: 'missing', line: 22, column: 23, message: 'ExternalSecret kubectl_manifest.external_secret lacks the required field "spec.data[0].remoteRef.key": add it' },
        { messageId: 'unknownField', line: 23, column: 13, message: 'ExternalSecret kubectl_manifest.external_secret has no field "spec.data[0].remoteRef.path": fix the name or remove it' },
      ],
    },
    {
      name: 'an apiVersion that no longer serves the kind',
      code: externalSecret(ES_SPEC, 'external-secrets.io/v1beta1') + ingressRoute(ROUTE).replace('traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1').replace('"ingress_route"', '"old"'),
      expected: [
        { messageId: 'apiVersion', line: 3, column: 18, message: 'apiVersion "external-secrets.io/v1beta1" no longer serves ExternalSecret: use "external-secrets.io/v1"' },
        { messageId: 'apiVersion', line: 33, column: 18, message: 'apiVersion "traefik.containo.us/v1alpha1" no longer serves IngressRoute: use "traefik.io/v1alpha1"' },
      ],
    },
    {
      name: 'a misspelt kind in a known group, and a Middleware of an unknown type',
      code: ingressRoute(ROUTE).replace('"IngressRoute"', '"IngresRoute"') + `\nresource "kubectl_manifest" "strip" {\n  yaml_body = yamlencode({\n    apiVersion = "traefik.io/v1alpha1"\n    kind       = "Middleware"\n    metadata   = { name = "strip" }\n    spec = {\n      stripPrefixes = { prefixes = ["/api"] }\n    }\n  })\n}\n`,
      expected: [
        { messageId: 'unknownKind', line: 4, column: 18, message: 'The API group traefik.io has no kind "IngresRoute": fix the kind; did you mean "IngressRoute"?' },
        { messageId: 'unknownField', line: 36, column: 7, message: 'Middleware kubectl_manifest.strip has no field "spec.stripPrefixes": fix the name or remove it; did you mean "stripPrefix"?' },
      ],
    },
  ],
});
