import rule from '../../../src/lint/rules/health/probes';
import { testRule } from '../../support/rule-tester';

/** A Deployment whose pod spec is `podSpec` (indented for its place). */
function deployment(podSpec: string, type = 'kubernetes_deployment_v1'): string {
  return `resource "${type}" "web" {
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

const PROBES = `
          liveness_probe {
            http_get {
              path = "/healthz"
              port = "http"
            }
          }

          readiness_probe {
            http_get {
              path = "/ready"
              port = "http"
            }
          }
`;

function container(name: string, probes = PROBES): string {
  return `        container {
          name  = "${name}"
          image = "nginx:1.27"
${probes}        }
`;
}

testRule(rule, {
  valid: [
    { name: 'both probes', code: deployment(container('web')) },
    {
      name: 'init container without probes',
      code: deployment(`        init_container {
          name  = "migrate"
          image = "migrate:1"
        }

${container('web')}`),
    },
    {
      name: 'multi-container pod, every container probed',
      code: deployment(container('web') + '\n' + container('sidecar'), 'kubernetes_stateful_set_v1'),
    },
    {
      name: 'job and cron job need no probes',
      code: `resource "kubernetes_job_v1" "migrate" {
  metadata {
    name = "migrate"
  }

  spec {
    template {
      metadata {}

      spec {
        container {
          name  = "migrate"
          image = "migrate:1"
        }
      }
    }
  }
}

resource "kubernetes_cron_job_v1" "backup" {
  metadata {
    name = "backup"
  }

  spec {
    schedule = "0 3 * * *"

    job_template {
      metadata {}

      spec {
        template {
          metadata {}

          spec {
            container {
              name  = "backup"
              image = "backup:1"
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
      name: 'dynamic probes with for_each on the resource',
      code: `resource "kubernetes_daemon_set_v1" "agent" {
  for_each = toset(["a", "b"])

  metadata {
    name = "agent-\${each.key}"
  }

  spec {
    template {
      spec {
        container {
          name  = "agent"
          image = var.image

          dynamic "liveness_probe" {
            for_each = var.probe_path == null ? [] : [var.probe_path]
            content {
              http_get {
                path = liveness_probe.value
                port = 8080
              }
            }
          }

          dynamic "readiness_probe" {
            for_each = var.probe_path == null ? [] : [var.probe_path]
            content {
              http_get {
                path = readiness_probe.value
                port = 8080
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
      name: 'no probes at all',
      code: deployment(container('web', '')),
      expected: [{ messageId: 'missingBoth', line: 9, column: 9 }],
    },
    {
      name: 'liveness only',
      code: deployment(
        container(
          'web',
          `
          liveness_probe {
            tcp_socket {
              port = 8080
            }
          }
`,
        ),
      ),
      expected: [{ messageId: 'missingReadiness', line: 9, column: 9 }],
    },
    {
      name: 'readiness only, in the second container of a daemon set',
      code: deployment(
        container('web') +
          '\n' +
          container(
            'exporter',
            `
          readiness_probe {
            tcp_socket {
              port = 9100
            }
          }
`,
          ),
        'kubernetes_daemon_set_v1',
      ),
      expected: [{ messageId: 'missingLiveness', line: 28, column: 9 }],
    },
    {
      name: 'unversioned stateful set type',
      code: deployment(container('db', ''), 'kubernetes_stateful_set'),
      expected: [{ messageId: 'missingBoth', line: 9, column: 9 }],
    },
    {
      name: 'dynamic container without probes',
      code: deployment(`        dynamic "container" {
          for_each = var.sidecars
          content {
            name  = container.value.name
            image = container.value.image
          }
        }
`),
      expected: [{ messageId: 'missingBoth', line: 9, column: 9 }],
    },
  ],
});
