import rule from '../../../src/lint/rules/terraform/required-providers';
import { testRule } from '../../support/rule-tester';

const VERSIONS = `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
    kubectl = {
      source  = "alekc/kubectl"
      version = "~> 2.1"
    }
  }
}
`;

const SERVICE = `resource "kubernetes_service_v1" "grafana" {
  metadata {
    name = "grafana"
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'versions.tf declares both providers',
      files: {
        'versions.tf': VERSIONS,
        'main.tf': `resource "kubernetes_config_map_v1" "dashboard" {
  for_each = toset(["nodes", "pods"])

  metadata {
    name = each.key
  }
}

resource "kubectl_manifest" "ingress_route" {
  count = 1

  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
  })
}
`,
      },
    },
    {
      name: 'data sources and dynamic blocks',
      files: {
        'versions.tf': VERSIONS,
        'main.tf': `data "kubernetes_namespace_v1" "monitoring" {
  metadata {
    name = "monitoring"
  }
}

resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name      = "grafana"
    namespace = data.kubernetes_namespace_v1.monitoring.metadata[0].name
  }

  spec {
    template {
      spec {
        dynamic "volume" {
          for_each = ["data"]
          content {
            name = volume.value
          }
        }
      }
    }
  }
}
`,
      },
    },
    {
      name: 'only built-in terraform resources, no terraform block',
      code: `resource "terraform_data" "replacement" {
  input = "v1"
}

data "terraform_remote_state" "network" {
  backend = "pg"
}
`,
    },
    {
      name: 'provider meta-argument to a declared alias',
      code: `terraform {
  required_providers {
    kubernetes = {
      source                = "hashicorp/kubernetes"
      version               = "~> 2.38"
      configuration_aliases = [kubernetes.hestia]
    }
  }
}

resource "kubernetes_service_v1" "grafana" {
  provider = kubernetes.hestia

  metadata {
    name = "grafana"
  }
}
`,
    },
    {
      name: 'no provider used at all',
      files: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}
`,
        'outputs.tf': `output "namespace" {
  description = "Namespace the service runs in"
  value       = var.namespace
}
`,
      },
    },
    {
      name: 'moved block names an old type without using it',
      files: {
        'versions.tf': VERSIONS,
        'main.tf': `moved {
  from = kubernetes_service.grafana
  to   = kubernetes_service_v1.grafana
}

${SERVICE}`,
      },
    },
    {
      name: 'module call passing a declared provider',
      files: {
        'versions.tf': VERSIONS,
        'kubernetes.tf': `# Grafana dashboards
module "k8s_grafana" {
  source = "./modules-k8s/grafana"

  providers = {
    kubernetes = kubernetes
  }
}
`,
      },
    },
    {
      name: 'a constraint within the schema major version, kubectl not judged',
      files: {
        'versions.tf': `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.35.0, < 3.0.0"
    }
    kubectl = {
      source  = "alekc/kubectl"
      version = ">= 2.0"
    }
  }
}
`,
      },
    },
    {
      name: 'a constraint that does not parse is not judged',
      files: {
        'versions.tf': `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "latest please"
    }
  }
}
`,
      },
    },
    {
      name: 'schemaVersion off accepts any constraint',
      files: { 'versions.tf': VERSIONS.replace('~> 2.38', '>= 2.0') },
      options: { schemaVersion: false },
    },
  ],
  invalid: [
    {
      name: '>= 2.0 admits 3.x, which the schema does not cover',
      files: { 'versions.tf': VERSIONS.replace('~> 2.38', '>= 2.0') },
      expected: [
        {
          messageId: 'uncoveredVersion',
          line: 3,
          column: 5,
          message:
            'Provider "kubernetes" version ">= 2.0" admits 3.x and later, which the provider schema the schema/* rules check against (hashicorp/kubernetes 2.38.0) does not cover; write version = "~> 2.38"',
        },
      ],
    },
    {
      name: '< 3.0 admits 1.x; ~> 3.0 admits only another major',
      files: {
        'versions.tf': VERSIONS.replace('~> 2.38', '< 3.0'),
        'modules/next/versions.tf': VERSIONS.replace('~> 2.38', '~> 3.0'),
      },
      expected: [
        { messageId: 'uncoveredVersion', file: 'versions.tf', line: 3, column: 5 },
        { messageId: 'uncoveredVersion', file: 'modules/next/versions.tf', line: 3, column: 5 },
      ],
    },
    {
      name: 'no terraform block, hashicorp provider only',
      code: SERVICE,
      expected: [
        {
          messageId: 'undeclared',
          line: 1,
          column: 10,
          message:
            'kubernetes_service_v1.grafana uses provider "kubernetes", which `terraform { required_providers { ... } }` does not declare; add `kubernetes = { source = "hashicorp/kubernetes", version = "..." }` (versions.tf)',
        },
      ],
    },
    {
      name: 'kubectl missing, reported once at its first use',
      files: {
        'versions.tf': `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}
`,
        'main.tf': `${SERVICE}
resource "kubectl_manifest" "ingress_route" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
  })
}
`,
        'secrets.tf': `resource "kubectl_manifest" "external_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
  })
}
`,
      },
      expected: [{ messageId: 'undeclared', file: 'main.tf', line: 7, column: 10, endLine: 7, endColumn: 28 }],
    },
    {
      name: 'legacy version-only entry has no source',
      code: `terraform {
  required_providers {
    kubernetes = ">= 2.0"
  }
}

${SERVICE}`,
      expected: [{ messageId: 'noSource', line: 3, column: 5 }],
    },
    {
      name: 'provider meta-argument names an undeclared local name',
      code: `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}

resource "kubernetes_service_v1" "grafana" {
  provider = k8s.hestia

  metadata {
    name = "grafana"
  }
}
`,
      expected: [{ messageId: 'undeclaredUnknown', line: 11, column: 14 }],
    },
    {
      name: 'unknown provider and a provider block',
      code: `provider "helm" {
  kubernetes {
    config_path = "~/.kube/config"
  }
}

resource "random_password" "admin" {
  length = 32
}
`,
      expected: [
        { messageId: 'undeclared', line: 1, column: 10 },
        { messageId: 'undeclaredUnknown', line: 7, column: 10 },
      ],
    },
    {
      name: 'sources option names the suggestion',
      code: `resource "random_password" "admin" {
  length = 32
}
`,
      options: { sources: { random: 'hashicorp/random' } },
      expected: [
        {
          messageId: 'undeclared',
          line: 1,
          column: 10,
          message:
            'random_password.admin uses provider "random", which `terraform { required_providers { ... } }` does not declare; add `random = { source = "hashicorp/random", version = "..." }` (versions.tf)',
        },
      ],
    },
    {
      name: 'scoped data source of a check block',
      code: `check "grafana_up" {
  data "http" "grafana" {
    url = "https://grafana.brmartin.co.uk/api/health"
  }

  assert {
    condition     = data.http.grafana.status_code == 200
    error_message = "Grafana is not healthy."
  }
}
`,
      expected: [{ messageId: 'undeclaredUnknown', line: 2, column: 8 }],
    },
    {
      name: 'module call passes an undeclared provider',
      code: `# Grafana dashboards
module "k8s_grafana" {
  source = "./modules-k8s/grafana"

  providers = {
    kubectl = kubectl
  }
}
`,
      expected: [{ messageId: 'undeclared', line: 5, column: 15 }],
    },
  ],
});
