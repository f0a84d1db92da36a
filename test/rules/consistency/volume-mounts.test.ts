import rule from '../../../src/lint/rules/consistency/volume-mounts';
import { testRule } from '../../support/rule-tester';

/** A deployment whose pod spec body is `podSpec` (indented for its place). */
function deployment(podSpec: string): string {
  return `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    selector {
      match_labels = { app = "web" }
    }

    template {
      metadata {
        labels = { app = "web" }
      }

      spec {
${podSpec}      }
    }
  }
}
`;
}

const mount = (name: string, path: string): string => `
          volume_mount {
            name       = "${name}"
            mount_path = "${path}"
          }
`;

const container = (name: string, mounts: string): string => `        container {
          name  = "${name}"
          image = "nginx:1.27"
${mounts}        }
`;

const volume = (name: string): string => `
        volume {
          name = "${name}"

          empty_dir {}
        }
`;

const cronJob = `resource "kubernetes_cron_job_v1" "backup" {
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
              image = "alpine:3.20"

              volume_mount {
                name       = "dump"
                mount_path = "/dump"
              }
            }

            volume {
              name = "dumps"

              empty_dir {}
            }
          }
        }
      }
    }
  }
}
`;

/** A StatefulSet whose container mounts `mounts`, with claim templates named `templates` and a config volume. */
function statefulSet(mounts: string, templates: string[]): string {
  const claims = templates
    .map(
      (name) => `
    volume_claim_template {
      metadata {
        name = "${name}"
      }

      spec {
        access_modes       = ["ReadWriteOnce"]
        storage_class_name = "local-path"

        resources {
          requests = {
            storage = "1Gi"
          }
        }
      }
    }
`,
    )
    .join('');
  return `resource "kubernetes_stateful_set_v1" "db" {
  metadata {
    name = "db"
  }

  spec {
    service_name = "db"

    selector {
      match_labels = { app = "db" }
    }

    template {
      metadata {
        labels = { app = "db" }
      }

      spec {
${container('db', mounts)}${volume('config')}      }
    }
${claims}  }
}
`;
}

testRule(rule, {
  valid: [
    {
      name: 'a StatefulSet mounts the claims of its volume_claim_templates',
      code: statefulSet(mount('data', '/var/lib/postgresql/data') + mount('wal', '/wal') + mount('config', '/etc/db'), ['data', 'wal']),
    },
    {
      name: 'mounts name declared volumes',
      code: deployment(container('web', mount('data', '/data') + mount('config', '/etc/web')) + volume('data') + volume('config')),
    },
    {
      name: 'same path in two containers of one pod',
      code: deployment(container('web', mount('data', '/data')) + container('sidecar', mount('data', '/data')) + volume('data')),
    },
    {
      name: 'init container mounts a declared volume',
      code: deployment(
        container('web', mount('data', '/data')) +
          container('init', mount('data', '/data')).replace('container {', 'init_container {') +
          volume('data'),
      ),
    },
    {
      name: 'a dynamic volume may declare any name',
      code: `variable "volumes" {\n  type    = map(string)\n  default = {}\n}\n\n${deployment(container('web', mount('data', '/data') + mount('extra', '/extra')) + volume('data') + '\n        dynamic "volume" {\n          for_each = var.volumes\n          content {\n            name = volume.key\n          }\n        }\n')}`,
    },
    {
      name: 'mount name from a variable without default',
      code: `variable "volume" {\n  type = string\n}\n\n${deployment(container('web', '\n          volume_mount {\n            name       = var.volume\n            mount_path = "/data"\n          }\n') + volume('data'))}`,
    },
    {
      name: 'dynamic mounts are not compared by path',
      code: `variable "mounts" {\n  type    = map(string)\n  default = {}\n}\n\n${deployment(container('web', mount('data', '/data') + '\n          dynamic "volume_mount" {\n            for_each = var.mounts\n            content {\n              name       = "data"\n              mount_path = volume_mount.value\n            }\n          }\n') + volume('data'))}`,
    },
    {
      name: 'sub paths of one volume at different paths',
      code: deployment(container('web', mount('data', '/data') + mount('data', '/data/cache')) + volume('data')),
    },
  ],
  invalid: [
    {
      name: 'a StatefulSet mount named after no volume and no claim template',
      code: statefulSet(mount('data', '/data') + mount('logs', '/logs'), ['data']),
      expected: [
        {
          messageId: 'undeclared',
          line: 29,
          column: 13,
          message:
            'Container "db" mounts volume "logs", which the pod does not declare: add a volume block (or, in a StatefulSet, a volume_claim_template) named "logs" or fix the name (declared: config, data)',
        },
      ],
    },
    {
      name: 'mount of an undeclared volume',
      code: deployment(container('web', mount('data', '/data') + mount('config', '/etc/web')) + volume('data')),
      expected: [{ messageId: 'undeclared', line: 27, column: 13 }],
    },
    {
      name: 'two mounts at one path',
      code: deployment(container('web', mount('data', '/data') + mount('cache', '/data/')) + volume('data') + volume('cache')),
      expected: [{ messageId: 'duplicatePath', line: 28, column: 13 }],
    },
    {
      name: 'undeclared volume in an init container',
      code: deployment(
        container('web', mount('data', '/data')).replace('container {', 'init_container {') + container('app', '') + volume('dta'),
      ),
      expected: [{ messageId: 'undeclared', line: 22, column: 13 }],
    },
    { name: 'undeclared volume in a CronJob pod', code: cronJob, expected: [{ messageId: 'undeclared', line: 22, column: 17 }] },
    {
      name: 'the second container of a multi-container pod',
      code: deployment(
        container('web', mount('data', '/data')) + container('sidecar', mount('data', '/data') + mount('logs', '/logs')) + volume('data'),
      ),
      expected: [{ messageId: 'undeclared', line: 36, column: 13 }],
    },
  ],
});
