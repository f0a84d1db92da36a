import rule from '../../../src/lint/rules/secrets/unresolved-ref';
import { testRule } from '../../support/rule-tester';

const LOCALS = `locals {
  app_name = "grafana"
}
`;

function externalSecret(keys: string[], extra = ''): string {
  const data = keys
    .map(
      (key) => `        {
          secretKey = "${key}"
          remoteRef = {
            key      = "nomad/default/grafana"
            property = "${key}"
          }
        },
`,
    )
    .join('');
  return `resource "kubectl_manifest" "external_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata = {
      name = "\${local.app_name}-secrets"
    }
    spec = {
      secretStoreRef = {
        name = "vault-backend"
        kind = "ClusterSecretStore"
      }
      target = {
        name = "\${local.app_name}-secrets"
      }
${extra}      data = [
${data}      ]
    }
  })
}
`;
}

/** A Deployment whose container reads `key` of the Secret `secret` (an HCL expression). */
function reader(key: string, secret = '"${local.app_name}-secrets"', container = 'container'): string {
  return `
resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name = local.app_name
  }

  spec {
    template {
      spec {
        ${container} {
          name  = "grafana"
          image = "grafana/grafana:11.4.0"

          env {
            name = "GF_SECURITY_ADMIN_PASSWORD"
            value_from {
              secret_key_ref {
                name = ${secret}
                key  = "${key}"
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

testRule(rule, {
  valid: [
    { name: 'key provided', code: LOCALS + externalSecret(['ADMIN_PASSWORD']) + reader('ADMIN_PASSWORD') },
    {
      name: 'secret not written by an ExternalSecret of the module',
      code: LOCALS + externalSecret(['ADMIN_PASSWORD']) + reader('token', '"cluster-token"'),
    },
    {
      name: 'dataFrom provides unknown keys',
      code: LOCALS + externalSecret([], '      dataFrom = [{ extract = { key = "nomad/default/grafana" } }]\n') + reader('ANYTHING'),
    },
    {
      name: 'secret name from an unknown reference',
      code: LOCALS + externalSecret(['ADMIN_PASSWORD']) + reader('OTHER', 'var.secret_name'),
    },
    {
      name: 'files split, init container reads a provided key',
      files: {
        'main.tf': LOCALS + reader('ADMIN_PASSWORD', undefined, 'init_container'),
        'secrets.tf': externalSecret(['ADMIN_PASSWORD']),
      },
    },
    {
      name: 'template data adds keys',
      code:
        LOCALS +
        externalSecret(['USER', 'PASS']).replace(
          '        name = "${local.app_name}-secrets"\n      }',
          '        name = "${local.app_name}-secrets"\n        template = {\n          data = { DSN = "postgres://{{ .USER }}:{{ .PASS }}@db/app" }\n        }\n      }',
        ) +
        reader('DSN'),
    },
  ],
  invalid: [
    {
      name: 'key missing from the ExternalSecret',
      code: LOCALS + externalSecret(['ADMIN_PASSWORD']) + reader('ADMIN_PASS'),
      expected: [
        {
          messageId: 'missingKey',
          line: 49,
          column: 17,
          message:
            'Secret "grafana-secrets" has no key "ADMIN_PASS": the ExternalSecret provides "ADMIN_PASSWORD"; add a spec.data entry with secretKey "ADMIN_PASS" or fix the key',
        },
      ],
    },
    {
      name: 'init container in another file',
      files: {
        'main.tf': LOCALS + reader('OAUTH_SECRET', undefined, 'init_container'),
        'secrets.tf': externalSecret(['ADMIN_PASSWORD', 'OAUTH_CLIENT_SECRET']),
      },
      expected: [{ messageId: 'missingKey', file: 'main.tf', line: 22, column: 17 }],
    },
    {
      name: 'target named by the metadata name',
      code:
        LOCALS + externalSecret(['A']).replace('      target = {\n        name = "${local.app_name}-secrets"\n      }\n', '') + reader('B'),
      expected: [{ messageId: 'missingKey', line: 46, column: 17 }],
    },
    {
      name: 'secret volume item',
      code:
        LOCALS +
        externalSecret(['tls.crt']) +
        `
resource "kubernetes_stateful_set_v1" "db" {
  metadata {
    name = "db"
  }

  spec {
    template {
      spec {
        volume {
          name = "tls"

          secret {
            secret_name = "grafana-secrets"

            items {
              key  = "tls.key"
              path = "server.key"
            }
          }
        }
      }
    }
  }
}
`,
      expected: [{ messageId: 'missingKey', line: 47, column: 15 }],
    },
    {
      name: 'empty data list',
      code: LOCALS + externalSecret([]) + reader('X'),
      expected: [
        {
          messageId: 'missingKey',
          line: 42,
          column: 17,
          message:
            'Secret "grafana-secrets" has no key "X": the ExternalSecret provides no keys; add a spec.data entry with secretKey "X" or fix the key',
        },
      ],
    },
  ],
});
