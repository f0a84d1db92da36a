import rule from '../../../src/lint/rules/terraform/unused-variable';
import { testRule } from '../../support/rule-tester';

const VERSIONS = `terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.0"
    }
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'used in locals, resources and outputs across files',
      files: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

variable "hostname" {
  description = "Hostname the service is served on"
  type        = string
  default     = "grafana.brmartin.co.uk"
}
`,
        'main.tf': `locals {
  app_name = "grafana"
  labels = {
    app        = local.app_name
    managed-by = "terraform"
  }
}

resource "kubernetes_service_v1" "grafana" {
  metadata {
    name      = local.app_name
    namespace = var.namespace
    labels    = local.labels
  }
}
`,
        'outputs.tf': `output "hostname" {
  description = "Hostname the service is served on"
  value       = var.hostname
}
`,
        'versions.tf': VERSIONS,
      },
    },
    {
      name: 'used only in count and for_each',
      code: `variable "replicas" {
  description = "Number of config maps"
  type        = number
  default     = 1
}

variable "dashboards" {
  description = "Dashboards to provision"
  type        = map(string)
  default     = {}
}

resource "kubernetes_config_map_v1" "extra" {
  count = var.replicas

  metadata {
    name = "extra-\${count.index}"
  }
}

resource "kubernetes_config_map_v1" "dashboard" {
  for_each = var.dashboards

  metadata {
    name = each.key
  }

  data = {
    "dashboard.json" = each.value
  }
}
`,
    },
    {
      name: 'used only in a dynamic block for_each',
      code: `variable "extra_env" {
  description = "Extra environment variables of the container"
  type        = map(string)
  default     = {}
}

resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name = "grafana"
  }

  spec {
    template {
      metadata {
        labels = { app = "grafana" }
      }

      spec {
        container {
          name  = "grafana"
          image = "grafana/grafana:11.4.0"

          dynamic "env" {
            for_each = var.extra_env
            content {
              name  = env.key
              value = env.value
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
      name: 'used only inside a heredoc template and a directive',
      code: `variable "scrape_interval" {
  description = "How often Prometheus scrapes its targets"
  type        = string
  default     = "30s"
}

variable "targets" {
  description = "Static scrape targets"
  type        = list(string)
  default     = []
}

resource "kubernetes_config_map_v1" "prometheus_config" {
  metadata {
    name = "prometheus-config"
  }

  data = {
    "prometheus.yml" = <<-EOT
      global:
        scrape_interval: \${var.scrape_interval}
      %{ for target in var.targets ~}
      - \${target}
      %{ endfor ~}
    EOT
  }
}
`,
    },
    {
      name: 'used only as a module argument',
      files: {
        'variables.tf': `variable "grafana_hostname" {
  description = "Hostname Grafana is served on"
  type        = string
  default     = "grafana.brmartin.co.uk"
}
`,
        'kubernetes.tf': `# Grafana dashboards
module "k8s_grafana" {
  source = "./modules-k8s/grafana"

  hostname = var.grafana_hostname
}
`,
      },
    },
    {
      name: 'used in another variable validation condition',
      code: `variable "min_replicas" {
  description = "Lower bound of the autoscaler"
  type        = number
  default     = 1
}

variable "max_replicas" {
  description = "Upper bound of the autoscaler"
  type        = number
  default     = 3

  validation {
    condition     = var.max_replicas >= var.min_replicas
    error_message = "max_replicas must not be below min_replicas."
  }
}

output "max_replicas" {
  description = "Upper bound of the autoscaler"
  value       = var.max_replicas
}
`,
    },
    {
      name: 'own validation and a real use',
      code: `variable "image_tag" {
  description = "Image tag of grafana/grafana"
  type        = string
  # renovate: datasource=docker depName=grafana/grafana
  default = "11.4.0"

  validation {
    condition     = length(var.image_tag) > 0
    error_message = "image_tag must not be empty."
  }
}

locals {
  image = "grafana/grafana:\${var.image_tag}"
}

output "image" {
  description = "Container image"
  value       = local.image
}
`,
    },
    {
      name: 'used in a for expression, a conditional and a function call',
      code: `variable "middlewares" {
  description = "Traefik middlewares in front of the route"
  type        = list(string)
  default     = []
}

variable "auth_enabled" {
  description = "Put forward auth in front of the route"
  type        = bool
  default     = true
}

variable "labels" {
  description = "Extra labels"
  type        = map(string)
  default     = {}
}

locals {
  middlewares = [for name in var.middlewares : { name = name, namespace = "traefik" }]
  auth        = var.auth_enabled ? ["authelia"] : []
  labels      = merge({ app = "grafana" }, var.labels)
}
`,
    },
  ],
  invalid: [
    {
      name: 'never referenced',
      code: `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

resource "kubernetes_namespace_v1" "monitoring" {
  metadata {
    name = "monitoring"
  }
}
`,
      expected: [{ messageId: 'unused', line: 1, column: 1, endLine: 1, endColumn: 21 }],
    },
    {
      name: 'referenced only in its own validation',
      code: `variable "retention" {
  description = "How long Prometheus keeps samples"
  type        = string
  default     = "15d"

  validation {
    condition     = can(regex("^[0-9]+[dhm]$", var.retention))
    error_message = "retention must look like 15d."
  }
}
`,
      expected: [{ messageId: 'unused', line: 1, column: 1 }],
    },
    {
      name: 'several files, two unused',
      files: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

variable "storage_size" {
  description = "Size of the data volume"
  type        = string
  default     = "10Gi"
}

variable "hostname" {
  description = "Hostname the service is served on"
  type        = string
  default     = "prometheus.brmartin.co.uk"
}
`,
        'main.tf': `resource "kubernetes_service_v1" "prometheus" {
  metadata {
    name      = "prometheus"
    namespace = var.namespace
  }
}
`,
      },
      expected: [
        {
          messageId: 'unused',
          file: 'variables.tf',
          line: 7,
          column: 1,
          message:
            'Variable "storage_size" is declared but never referenced; use var.storage_size where it was meant to apply, or remove the variable (and the argument from its callers)',
        },
        {
          messageId: 'unused',
          file: 'variables.tf',
          line: 13,
          column: 1,
          message:
            'Variable "hostname" is declared but never referenced; use var.hostname where it was meant to apply, or remove the variable (and the argument from its callers)',
        },
      ],
    },
    {
      name: 'a longer name that starts with it is not a use',
      code: `variable "image" {
  description = "Container image"
  type        = string
  default     = "grafana/grafana"
}

variable "image_tag" {
  description = "Image tag"
  type        = string
  default     = "11.4.0"
}

output "tag" {
  description = "Image tag"
  value       = var.image_tag
}
`,
      expected: [{ messageId: 'unused', line: 1, column: 1 }],
    },
    {
      name: 'a local of the same name or a comment is not a use',
      code: `variable "app_name" {
  description = "Name of the application"
  type        = string
  default     = "grafana"
}

locals {
  # var.app_name used to be read here
  app_name = "grafana"
}

output "app_name" {
  description = "Name of the application"
  value       = local.app_name
}
`,
      expected: [{ messageId: 'unused', line: 1, column: 1 }],
    },
    {
      name: 'passed by the root module: the message names the module block (no fix)',
      files: {
        'main.tf': `module "grafana" {
  source = "./modules/grafana"

  namespace = "monitoring"
  replicas  = 2
}
`,
        'modules/grafana/variables.tf': `variable "namespace" {
  description = "Namespace"
  type        = string
}

variable "replicas" {
  description = "Replica count"
  type        = number
  default     = 1
}

output "namespace" {
  description = "Namespace"
  value       = var.namespace
}
`,
      },
      expected: [
        {
          messageId: 'passed',
          file: 'modules/grafana/variables.tf',
          line: 6,
          column: 1,
          message:
            'Variable "replicas" is declared but never referenced, and module "grafana" passes it (../../main.tf:5); use var.replicas where it was meant to apply, or remove the variable and that argument',
        },
      ],
      output: null,
    },
    {
      name: 'declared by a called module, not passed by its caller',
      files: {
        'main.tf': `module "grafana" {
  source = "./modules/grafana"
}
`,
        'modules/grafana/variables.tf': `variable "replicas" {
  description = "Replica count"
  type        = number
  default     = 1
}
`,
      },
      expected: [{ messageId: 'unused', file: 'modules/grafana/variables.tf', line: 1, column: 1 }],
    },
  ],
});
