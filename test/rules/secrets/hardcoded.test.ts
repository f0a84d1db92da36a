import rule from '../../../src/lint/rules/secrets/hardcoded';
import { testRule } from '../../support/rule-tester';

/** A Deployment whose only container has the given env blocks. */
function withEnv(env: string): string {
  return `resource "kubernetes_deployment_v1" "app" {
  metadata {
    name = "app"
  }

  spec {
    template {
      spec {
        container {
          name  = "app"
          image = "app:1.0"
${env}        }
      }
    }
  }
}
`;
}

function env(name: string, value: string): string {
  return `
          env {
            name  = "${name}"
            value = ${value}
          }
`;
}

const FROM_SECRET = `
          env {
            name = "GF_SECURITY_ADMIN_PASSWORD"
            value_from {
              secret_key_ref {
                name = "grafana-secrets"
                key  = "GF_SECURITY_ADMIN_PASSWORD"
              }
            }
          }
`;

/** A basic-auth Middleware whose `secret` field is given, beside the ExternalSecret writing `web-basic-auth`. */
const BASIC_AUTH = (secret: string): string => `locals {
  app_name = "web"
}

resource "kubectl_manifest" "basic_auth_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata = {
      name = "\${local.app_name}-basic-auth"
    }
    spec = {
      secretStoreRef = { name = "vault-backend", kind = "ClusterSecretStore" }
      target         = { name = "\${local.app_name}-basic-auth" }
      data = [
        { secretKey = "password", remoteRef = { key = "nomad/default/web", property = "BASIC_AUTH_PASSWORD" } },
      ]
    }
  })
}

resource "kubectl_manifest" "auth_middleware" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata = {
      name = "\${local.app_name}-auth"
    }
    spec = {
      basicAuth = {
        secret = ${secret}
      }
    }
  })
}
`;

testRule(rule, {
  valid: [
    {
      name: 'values that name a key, a Secret or a path',
      code: `locals {
  github_secret_key  = "token"
  runner_secret_name = "github-runner"
  token_parameter    = "/github/token"
}

resource "helm_release" "external_dns" {
  name  = "external-dns"
  chart = "external-dns"
  values = [yamlencode({
    cloudflare = {
      secret = "cloudflare-api-key"
    }
    env = [{ name = "CF_API_TOKEN", valueFrom = { secretKeyRef = { name = "cloudflare", key = "api-token" } } }]
  })]
}
`,
    },
    {
      name: 'access key ids and user names',
      code: withEnv(
        env('MINIO_ACCESS_KEY', '"appflowy"') + env('AWS_ACCESS_KEY_ID', '"minio"') + env('SMTP_USERNAME', '"alerts@example.com"'),
      ),
    },
    {
      name: 'well-known Kubernetes values, KMS aliases, status words and annotation keys',
      code: `locals {
  kms_key      = "alias/terraform-state"
  token_status = "active"
  annotations = {
    "nginx.ingress.kubernetes.io/auth-secret" = "basic-auth"
    "cert-manager.io/secret-template"         = "kubernetes.io/tls"
  }
}

resource "kubernetes_deployment_v1" "app" {
  metadata {
    name = "app"
  }

  spec {
    template {
      spec {
        affinity {
          pod_anti_affinity {
            required_during_scheduling_ignored_during_execution {
              topology_key = "kubernetes.io/hostname"
            }
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'placeholders in settings, URLs and config templates',
      code: `variable "admin_password" {
  description = "Admin password (set in terraform.tfvars)"
  type        = string
  default     = "<password>"
}

locals {
  api_token         = "CHANGEME"
  smtp_password     = "SMTP_PASSWORD_PLACEHOLDER"
  database_url      = "postgres://app:<password>@db:5432/app"
}

resource "kubernetes_config_map_v1" "config" {
  metadata {
    name = "app"
  }

  data = {
    "config.yml" = <<-EOT
      database:
        user: app
        password: \${DB_PASSWORD}
      smtp:
        password: "{{ .Env.SMTP_PASSWORD }}"
    EOT
    "nginx.conf" = <<-EOT
      location / {
        proxy_set_header Authorization $http_authorization;
        proxy_pass http://app:8080;
      }
    EOT
  }
}
`,
    },
    {
      name: 'random_password interpolations',
      code: withEnv(
        env('DB_PASSWORD', '"${random_password.db.result}"') +
          env('DATABASE_URL', '"postgres://app:${random_password.db.result}@db:5432/app"'),
      ),
    },
    {
      name: 'nothing inside comments',
      code: `# Bootstrap token for the first run: ghp_0123456789abcdefghijABCDEFGHIJ012345
# db_password = "hunter2"
/*
resource "kubernetes_secret_v1" "old" {
  data = {
    password = "hunter2"
    url      = "postgres://app:hunter2@db:5432/app"
  }
}
*/
locals {
  app_name = "app" # api_token = "k-1234"
}
`,
    },
    {
      name: 'entropy alone never decides',
      code: withEnv(
        env('BUILD_SHA', '"9f8e7d6c5b4a39281706f5e4d3c2b1a0"') + env('INSTANCE_UUID', '"3f2b9c1e-7a4d-4e8b-9f10-2c6d5e4a3b21"'),
      ),
    },
    {
      name: 'a Traefik basicAuth naming the Secret its ExternalSecret writes',
      code: BASIC_AUTH('"${local.app_name}-basic-auth"'),
    },
    {
      name: 'secrets read from a Secret, plain settings literal',
      code: withEnv(
        FROM_SECRET +
          env('GF_AUTH_GENERIC_OAUTH_TOKEN_URL', '"https://sso.brmartin.co.uk/realms/prod/protocol/openid-connect/token"') +
          env('GF_SECURITY_ADMIN_PASSWORD__FILE', '"/run/secrets/admin"') +
          env('GF_AUTH_DISABLE_LOGIN_FORM', '"false"') +
          env('API_TOKEN', '""'),
      ),
    },
    {
      name: 'variables without default or with an empty one, and references',
      code: `variable "admin_password" {
  description = "Admin password"
  type        = string
  sensitive   = true
}

variable "api_token" {
  description = "API token, empty to disable"
  type        = string
  default     = ""
}

${withEnv(env('ADMIN_PASSWORD', 'var.admin_password') + env('API_TOKEN', 'var.api_token') + env('DB_PASSWORD', 'random_password.db.result'))}`,
    },
    {
      name: 'external secret and tls fields name secrets without holding them',
      code: `resource "kubectl_manifest" "external_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata = {
      name = "app-secrets"
    }
    spec = {
      data = [{
        secretKey = "DB_PASSWORD"
        remoteRef = {
          key      = "nomad/default/app"
          property = "DB_PASSWORD"
        }
      }]
    }
  })
}

resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
    spec = {
      tls = {
        secretName = "wildcard-brmartin-tls"
      }
    }
  })
}
`,
    },
    {
      name: 'config map with credential files and low-entropy keys',
      code: `resource "kubernetes_config_map_v1" "config" {
  metadata {
    name = "config"
  }

  data = {
    "config.yml" = yamlencode({
      authorization = {
        credentials_file = "/var/run/secrets/kubernetes.io/serviceaccount/token"
      }
      sort_key        = "created_at"
      existing_secret = "app-secrets"
      password_length = "32"
    })
  }
}
`,
    },
    {
      name: 'dynamic env from a for_each over an unknown variable',
      code: `resource "kubernetes_deployment_v1" "app" {
  count = var.enabled ? 1 : 0

  metadata {
    name = "app"
  }

  spec {
    template {
      spec {
        container {
          name  = "app"
          image = "app:1.0"

          dynamic "env" {
            for_each = var.env
            content {
              name  = env.key
              value = env.value
            }
          }

          volume_mount {
            name       = "tls"
            mount_path = "/tls"
          }
        }

        affinity {
          node_affinity {
            required_during_scheduling_ignored_during_execution {
              node_selector_term {
                match_expressions {
                  key      = "kubernetes.io/arch"
                  operator = "In"
                  values   = ["amd64"]
                }
              }
            }
          }
        }
      }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a literal password passed as a module argument',
      files: {
        'main.tf': `module "db" {
  source      = "./db"
  db_password = "Wint3r-is-c0ming"
}
`,
        'db/main.tf': `variable "db_password" {
  description = "Password"
  type        = string
  sensitive   = true
}
`,
      },
      expected: [{ messageId: 'namedLiteral', file: 'main.tf', line: 3, column: 3 }],
    },
    {
      name: 'a password in a URL',
      code: withEnv(env('DATABASE_URL', '"postgres://app:S3cret-pass@db:5432/app"')),
      expected: [{ messageId: 'shape', line: 15, column: 22 }],
    },
    {
      name: 'Authorization and Password values inside ConfigMap bodies',
      code: `resource "kubernetes_config_map_v1" "proxy" {
  metadata {
    name = "proxy"
  }

  data = {
    "nginx.conf" = <<-EOT
      location / {
        proxy_set_header Authorization "Basic YWRtaW46aHVudGVyMg==";
        proxy_pass http://app:8080;
      }
    EOT
    "app.yml" = <<-EOT
      smtp:
        host: mail.example.com
        password: Wint3r-is-c0ming
    EOT
    "settings.json" = <<-EOT
      { "apiToken": "q8Zr2LmX7tWv" }
    EOT
    "upstream.conf" = <<-EOT
      proxy_set_header X-Password "Wint3r-is-c0ming";
    EOT
  }
}
`,
      expected: [
        { messageId: 'embedded', line: 7, column: 5 },
        { messageId: 'embedded', line: 13, column: 5 },
        { messageId: 'embedded', line: 18, column: 5 },
        { messageId: 'embedded', line: 21, column: 5 },
      ],
    },
    {
      name: 'a Traefik basicAuth secret that is no Secret of the module but a literal',
      code: BASIC_AUTH('"correct-horse-battery-staple"'),
      expected: [{ messageId: 'namedLiteral', line: 31, column: 9 }],
    },
    {
      name: 'literal password in an env value',
      code: withEnv(FROM_SECRET + env('DB_PASSWORD', '"hunter2"')),
      expected: [
        {
          messageId: 'namedLiteral',
          line: 25,
          column: 13,
          message:
            '"DB_PASSWORD" is set to a literal credential; sync it from Vault with an ExternalSecret and read it through value_from.secret_key_ref',
        },
      ],
    },
    {
      name: 'variable default used by an env value is reported once, at the default',
      files: {
        'variables.tf': `variable "db_password" {
  description = "Database password"
  type        = string
  default     = "s3cr3t-pa55"
}
`,
        'main.tf': withEnv(env('DB_PASSWORD', 'var.db_password')),
      },
      expected: [{ messageId: 'namedLiteral', file: 'variables.tf', line: 4, column: 3 }],
    },
    {
      name: 'locals and an encoded config body (the access key id is no credential)',
      code: `locals {
  app_name = "app"
  env = {
    API_KEY = "k-1234"
  }
}

resource "kubernetes_config_map_v1" "litestream" {
  metadata {
    name = "\${local.app_name}-litestream"
  }

  data = {
    "litestream.yml" = yamlencode({
      access-key-id     = "minio"
      secret-access-key = "minio123"
    })
  }
}
`,
      expected: [
        { messageId: 'namedLiteral', line: 4, column: 5 },
        { messageId: 'namedLiteral', line: 16, column: 7 },
      ],
    },
    {
      name: 'private key and token shapes anywhere outside comments',
      code: `# bootstrap with ghp_0123456789abcdefghijABCDEFGHIJ012345
resource "kubernetes_secret_v1" "tls" {
  metadata {
    name = "tls"
  }

  data = {
    "tls.key" = <<-EOT
      -----BEGIN RSA PRIVATE KEY-----
      MIIEowIBAAKCAQEA
      -----END RSA PRIVATE KEY-----
    EOT
    "aws"     = "AKIAIOSFODNN7EXAMPLE"
    "db"      = "postgres://app:hunter2@db:5432/app"
  }
}
`,
      expected: [
        { messageId: 'shape', line: 9, column: 7 },
        { messageId: 'shape', line: 13, column: 18 },
        { messageId: 'shape', line: 14, column: 18 },
      ],
    },
    {
      name: 'high-entropy literal in a key-named place',
      code: withEnv(env('SIGNATURE_KEY', '"9f8e7d6c5b4a39281706f5e4d3c2b1a0"') + env('CACHE_KEY', '"page-cache"')),
      expected: [{ messageId: 'highEntropy', line: 15, column: 13 }],
    },
    {
      name: 'entropy threshold as an option',
      code: withEnv(env('SESSION_SALT_KEY', '"aaaabbbbccccdddd"')),
      options: { entropyThreshold: 1.5 },
      expected: [{ messageId: 'highEntropy', line: 15, column: 13 }],
    },
    {
      name: 'helm set value and a provider token',
      code: `provider "cloudflare" {
  api_token = "cf-0123456789"
}

resource "helm_release" "app" {
  name  = "app"
  chart = "app"

  set {
    name  = "auth.adminPassword"
    value = "Tr0ub4dor&3"
  }
}
`,
      expected: [
        { messageId: 'namedLiteral', line: 2, column: 3 },
        { messageId: 'namedLiteral', line: 11, column: 5 },
      ],
    },
  ],
});
