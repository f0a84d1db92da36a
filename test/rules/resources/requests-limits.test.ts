import rule from '../../../src/lint/rules/resources/requests-limits';
import { testRule } from '../../support/rule-tester';

function deployment(podSpec: string): string {
  return `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    template {
      spec {
${podSpec}      }
    }
  }
}
`;
}

const FULL = `
          resources {
            requests = {
              cpu    = "100m"
              memory = "128Mi"
            }
            limits = {
              memory = "256Mi"
            }
          }
`;

function container(name: string, resources = FULL, type = 'container'): string {
  return `        ${type} {
          name  = "${name}"
          image = "nginx:1.27"
${resources}        }
`;
}

testRule(rule, {
  valid: [
    { name: 'requests and memory limit', code: deployment(container('web')) },
    {
      name: 'init container and sidecar both sized',
      code: deployment(container('migrate', FULL, 'init_container') + '\n' + container('web') + '\n' + container('sidecar')),
    },
    {
      name: 'values from variables, unknown or with defaults',
      code: `variable "cpu_request" {
  description = "CPU request"
  type        = string
  default     = "100m"
}

variable "limits" {
  description = "Limits of the container"
  type        = map(string)
}

${deployment(
  container(
    'web',
    `
          resources {
            requests = {
              cpu    = var.cpu_request
              memory = local.memory
            }
            limits = var.limits
          }
`,
  ),
)}`,
    },
    {
      name: 'requests map from a variable without default',
      code: deployment(
        container(
          'web',
          `
          resources {
            requests = var.requests
            limits = {
              cpu    = "1"
              memory = "1Gi"
            }
          }
`,
        ),
      ),
    },
    {
      name: 'cron job with for_each and a dynamic container',
      code: `resource "kubernetes_cron_job_v1" "backup" {
  for_each = var.jobs

  metadata {
    name = each.key
  }

  spec {
    schedule = each.value.schedule

    job_template {
      metadata {}

      spec {
        template {
          metadata {}

          spec {
            dynamic "container" {
              for_each = [each.value]
              content {
                name  = container.value.name
                image = container.value.image

                resources {
                  requests = {
                    cpu    = "10m"
                    memory = "32Mi"
                  }
                  limits = {
                    memory = "64Mi"
                  }
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
    {
      name: 'older provider block form',
      code: deployment(
        container(
          'web',
          `
          resources {
            requests {
              cpu    = "100m"
              memory = "128Mi"
            }
            limits {
              memory = "256Mi"
            }
          }
`,
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'no resources block',
      code: deployment(container('web', '')),
      expected: [{ messageId: 'noResources', line: 9, column: 9 }],
    },
    {
      name: 'init container without resources next to a sized container',
      code: deployment(container('migrate', '', 'init_container') + '\n' + container('web')),
      expected: [{ messageId: 'noResources', line: 9, column: 9 }],
    },
    {
      name: 'memory request and limit missing',
      code: deployment(
        container(
          'web',
          `
          resources {
            requests = {
              cpu = "100m"
            }
            limits = {
              cpu = "500m"
            }
          }
`,
        ),
      ),
      expected: [
        {
          messageId: 'missingRequests',
          line: 14,
          column: 13,
          message: 'Container "web" does not request memory; add it to resources.requests',
        },
        {
          messageId: 'missingMemoryLimit',
          line: 17,
          column: 13,
          message: 'Container "web" has no memory limit; add memory to resources.limits',
        },
      ],
    },
    {
      name: 'limits only',
      code: deployment(
        container(
          'web',
          `
          resources {
            limits = {
              memory = "256Mi"
            }
          }
`,
        ),
      ),
      expected: [
        {
          messageId: 'missingRequests',
          line: 13,
          column: 11,
          message: 'Container "web" does not request cpu and memory; add it to resources.requests',
        },
      ],
    },
    {
      name: 'null memory limit',
      code: deployment(
        container(
          'web',
          `
          resources {
            requests = {
              cpu    = "100m"
              memory = "128Mi"
            }
            limits = {
              memory = null
            }
          }
`,
        ),
      ),
      expected: [{ messageId: 'missingMemoryLimit', line: 18, column: 13 }],
    },
  ],
});
