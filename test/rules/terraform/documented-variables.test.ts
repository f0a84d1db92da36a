import rule from '../../../src/lint/rules/terraform/documented-variables';
import { testRule } from '../../support/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'description, type and default',
      code: `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}
`,
    },
    {
      name: 'renovate comment, validation and sensitive',
      code: `variable "image_tag" {
  description = "Image tag of prom/prometheus"
  type        = string
  # renovate: datasource=docker depName=prom/prometheus
  default = "v2.54.1"

  validation {
    condition     = length(var.image_tag) > 0
    error_message = "image_tag must not be empty."
  }
}

variable "admin_password" {
  description = "Grafana admin password, read from Vault by the caller"
  type        = string
  sensitive   = true
}
`,
    },
    {
      name: 'complex types and a heredoc description',
      code: `variable "resources" {
  description = <<-EOT
    Requests and limits of the container.
    Meshery needs at least 2Gi of memory.
  EOT
  type = object({
    requests = map(string)
    limits   = map(string)
  })
  default = {
    requests = { cpu = "100m", memory = "512Mi" }
    limits   = { cpu = "1", memory = "2Gi" }
  }
}

variable "extra" {
  description = "Anything else"
  type        = any
  default     = null
}
`,
    },
    {
      name: 'several files, all documented',
      files: {
        'variables.tf': `variable "hostname" {
  description = "Hostname the service is served on"
  type        = string
  default     = "meshery.brmartin.co.uk"
}

variable "replicas" {
  description = "Number of pods"
  type        = number
  default     = 1
}
`,
        'main.tf': `resource "kubernetes_deployment_v1" "meshery" {
  count = var.replicas > 0 ? 1 : 0

  metadata {
    name = "meshery"
  }
}
`,
      },
    },
    {
      name: 'no variables at all',
      code: `locals {
  app_name = "meshery"
}

output "service_name" {
  description = "Name of the service"
  value       = local.app_name
}
`,
    },
  ],
  invalid: [
    {
      name: 'no description',
      code: `variable "namespace" {
  type    = string
  default = "default"
}
`,
      expected: [{ messageId: 'missingDescription', line: 1, column: 1, endLine: 1, endColumn: 21 }],
    },
    {
      name: 'no type',
      code: `variable "storage_size" {
  description = "Size of the data volume"
  default     = "10Gi"
}
`,
      expected: [{ messageId: 'missingType', line: 1, column: 1 }],
    },
    {
      name: 'neither, one finding each',
      code: `variable "hostname" {
  default = "grafana.brmartin.co.uk"
}
`,
      expected: [
        {
          messageId: 'missingDescription',
          line: 1,
          column: 1,
          message: 'Variable "hostname" has no description; add `description = "..."` saying what it sets',
        },
        {
          messageId: 'missingType',
          line: 1,
          column: 1,
          message: 'Variable "hostname" has no type; add `type = ...` (e.g. `string`, `number`, `map(string)`)',
        },
      ],
    },
    {
      name: 'empty description is reported at the string',
      code: `variable "namespace" {
  description = ""
  type        = string
  default     = "default"
}
`,
      expected: [{ messageId: 'emptyDescription', line: 2, column: 17, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'several files, only the undocumented ones',
      files: {
        'variables.tf': `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

variable "image_tag" {
  type = string
  # renovate: datasource=docker depName=layer5/meshery
  default = "v0.7.159"
}
`,
        'extra.tf': `variable "replicas" {
  description = "Number of pods"
  default     = 1
}
`,
      },
      expected: [
        { messageId: 'missingDescription', file: 'variables.tf', line: 7, column: 1 },
        { messageId: 'missingType', file: 'extra.tf', line: 1, column: 1 },
      ],
    },
  ],
});
