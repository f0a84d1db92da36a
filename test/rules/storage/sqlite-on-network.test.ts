import rule from '../../../src/lint/rules/storage/sqlite-on-network';
import { testRule } from '../../support/rule-tester';
import { claim, claimVolume, deployment, emptyDirVolume, hostPathVolume, mount } from './_fixtures';

const container = (name: string, image: string, body: string): string => `        container {
          name  = "${name}"
          image = "${image}"
${body}        }
`;

const env = (name: string, value: string): string => `          env {
            name  = "${name}"
            value = ${value}
          }
`;

const shared = claim('data', 'app-data', 'glusterfs-nfs');
const local = claim('data', 'app-data', 'local-path');
const onShared = (podSpec: string): string => `${deployment(podSpec)}\n${shared}`;

testRule(rule, {
  valid: [
    {
      name: 'Grafana litestream pattern: database on an emptyDir, plugins on the persistent class',
      code: onShared(
        container(
          'grafana',
          'grafana/grafana:11.4.0',
          env('GF_DATABASE_TYPE', '"sqlite3"') +
            env('GF_DATABASE_PATH', '"/var/lib/grafana/grafana.db"') +
            mount('db', '/var/lib/grafana') +
            mount('plugins', '/var/lib/grafana-plugins'),
        ) +
          emptyDirVolume('db') +
          claimVolume('plugins', 'data'),
      ),
    },
    {
      name: 'Grafana told to use Postgres keeps nothing in SQLite',
      code: onShared(
        container('grafana', 'grafana/grafana:11.4.0', env('GF_DATABASE_TYPE', '"postgres"') + mount('data', '/var/lib/grafana')) +
          claimVolume('data', 'data'),
      ),
    },
    {
      name: 'database on a node-local claim',
      code: `${deployment(container('app', 'ghcr.io/example/app:1.0', env('DATABASE_URL', '"sqlite:///data/app.db"') + mount('data', '/data')) + claimVolume('data', 'data'))}\n${local}`,
    },
    {
      name: 'nested emptyDir mount shadows the network mount',
      code: onShared(
        container(
          'app',
          'ghcr.io/example/app:1.0',
          env('DB_FILE', '"/data/db/app.db"') + mount('data', '/data') + mount('db', '/data/db'),
        ) +
          claimVolume('data', 'data') +
          emptyDirVolume('db'),
      ),
    },
    {
      name: 'env values from variables without default and from secrets are unknown',
      code: onShared(
        container(
          'app',
          'ghcr.io/example/app:1.0',
          env('DATABASE_URL', 'var.database_url') +
            `          env {
            name = "DB_PATH"
            value_from {
              secret_key_ref {
                name = "app-secrets"
                key  = "DB_PATH"
              }
            }
          }
` +
            mount('data', '/data'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'dynamic volume mounts are unknown',
      code: onShared(
        container(
          'app',
          'ghcr.io/example/app:1.0',
          env('DB_FILE', '"/data/app.db"') +
            `          dynamic "volume_mount" {
            for_each = var.mounts
            content {
              name       = volume_mount.value.name
              mount_path = volume_mount.value.path
            }
          }
`,
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'a sidecar mounts the network volume, the app keeps its database on an emptyDir',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DB_FILE', '"/data/app.db"') + mount('db', '/data')) +
          container('backup', 'restic/restic:0.17.0', mount('db', '/data') + mount('backup', '/data-backup')) +
          emptyDirVolume('db') +
          claimVolume('backup', 'data'),
      ),
    },
    {
      name: 'Grafana with env_from may set its database elsewhere',
      code: onShared(
        container(
          'grafana',
          'grafana/grafana:11.4.0',
          `          env_from {
            config_map_ref {
              name = "grafana-env"
            }
          }
` + mount('data', '/var/lib/grafana'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'Grafana with dynamic env blocks may set its database elsewhere',
      code: onShared(
        container(
          'grafana',
          'grafana/grafana:11.4.0',
          `          dynamic "env" {
            for_each = var.extra_env
            content {
              name  = env.key
              value = env.value
            }
          }
` + mount('data', '/var/lib/grafana'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'an exception with a reason covers the workload',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DB_FILE', '"/data/app.db"') + mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      constitution: { exceptions: [{ rule: 'storage/sqlite-on-network', workload: 'app', reason: 'read-only reference database' }] },
    },
    {
      name: 'Uptime Kuma told to use MariaDB keeps nothing in SQLite',
      code: onShared(
        container('kuma', 'louislam/uptime-kuma:2.0.0', env('UPTIME_KUMA_DB_TYPE', '"mariadb"') + mount('data', '/app/data')) +
          claimVolume('data', 'data'),
      ),
    },
    {
      name: 'DB_TYPE=sqlite with a writable emptyDir beside the claim: where the database goes is not known',
      code: onShared(
        container(
          'app',
          'ghcr.io/example/app:1.0',
          env('DB_TYPE', '"sqlite"') + mount('data', '/data') + mount('scratch', '/var/lib/app'),
        ) +
          claimVolume('data', 'data') +
          emptyDirVolume('scratch'),
      ),
    },
    {
      name: 'DB_TYPE=postgres chooses no SQLite',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DB_TYPE', '"postgres"') + mount('data', '/data')) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'an env name outside the configured sqliteTypeEnvs is not read',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DB_TYPE', '"sqlite"') + mount('data', '/data')) + claimVolume('data', 'data'),
      ),
      constitution: { sqliteTypeEnvs: ['STORE_KIND'] },
    },
    {
      name: 'a .db path is no database when the configured extensions leave .db out',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DB_FILE', '"/data/app.db"') + mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      constitution: { sqliteFileExtensions: ['.sqlite'] },
    },
  ],
  invalid: [
    {
      name: 'Uptime Kuma keeps kuma.db under /app/data on the claim (a scaffolded spec with a data claim)',
      code: onShared(container('kuma', 'louislam/uptime-kuma:1.23.16', mount('data', '/app/data')) + claimVolume('data', 'data')),
      expected: [
        {
          messageId: 'defaultDatabase',
          line: 20,
          column: 11,
          message:
            'Image "louislam/uptime-kuma" keeps a SQLite database under /app/data unless UPTIME_KUMA_DB_TYPE chooses another database, and /app/data is on volume "data", claim "app-data" of class "glusterfs-nfs", which is network storage: mount an emptyDir there and replicate the database with litestream',
        },
      ],
    },
    {
      name: 'a configured image without unlessEnv always keeps SQLite',
      code: onShared(container('jellyfin', 'jellyfin/jellyfin:10.10.3', mount('config', '/config')) + claimVolume('config', 'data')),
      constitution: { sqliteDefaultImages: [{ image: 'jellyfin/jellyfin', dataPath: '/config/data' }] },
      expected: [{ messageId: 'imageDatabase', line: 20, column: 11 }],
    },
    {
      name: 'DB_TYPE=sqlite and the only writable volume is network storage (a read-only config mount aside)',
      code: onShared(
        container(
          'app',
          'ghcr.io/example/app:1.0',
          env('DB_TYPE', '"sqlite"') +
            mount('data', '/data') +
            `          volume_mount {
            name       = "config"
            mount_path = "/etc/app"
            read_only  = true
          }
`,
        ) +
          claimVolume('data', 'data') +
          emptyDirVolume('config'),
      ),
      expected: [
        {
          messageId: 'declaredDatabase',
          line: 23,
          column: 21,
          message:
            'DB_TYPE = "sqlite" chooses a SQLite database, and every volume the container can write is network storage (volume "data" at /data, claim "app-data" of class "glusterfs-nfs"): keep the database on an emptyDir and replicate it with litestream',
        },
      ],
    },
    {
      name: 'a configured extension makes a path a database',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('STATE', '"/data/state.kv"') + mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      constitution: { sqliteFileExtensions: ['.kv'] },
      expected: [{ messageId: 'database', line: 23, column: 21 }],
    },
    {
      name: 'sqlite URL in an env value, claim of a network class',
      code: onShared(
        container('app', 'ghcr.io/example/app:1.0', env('DATABASE_URL', '"sqlite:///data/state"') + mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      expected: [
        {
          messageId: 'database',
          line: 23,
          column: 21,
          message:
            'SQLite database /data/state is on volume "data", claim "app-data" of class "glusterfs-nfs", which is network storage: keep it on an emptyDir and replicate it with litestream',
        },
      ],
    },
    {
      name: 'argument on a hostPath under the GlusterFS root, init container',
      code: deployment(
        `        init_container {
          name  = "migrate"
          image = "ghcr.io/example/app:1.0"
          args  = ["migrate", "--db=/state/app.sqlite3"]
${mount('state', '/state')}        }
` + hostPathVolume('state', '/storage/v/glusterfs_app_state'),
      ),
      expected: [{ messageId: 'database', line: 21, column: 31 }],
    },
    {
      name: 'Grafana without GF_DATABASE_TYPE keeps grafana.db on the claim',
      code: onShared(container('grafana', 'grafana/grafana:11.4.0', mount('data', '/var/lib/grafana')) + claimVolume('data', 'data')),
      expected: [{ messageId: 'defaultDatabase', line: 20, column: 11 }],
    },
    {
      name: 'Grafana image from a registry with the tag from a variable',
      code: onShared(
        container(
          'grafana',
          'docker.io/grafana/grafana:${var.image_tag}',
          env('GF_DATABASE_TYPE', '"sqlite3"') + mount('data', '/var/lib'),
        ) + claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'defaultDatabase', line: 20, column: 11 }],
    },
    {
      name: 'GF_DATABASE_TYPE=sqlite3 makes GF_DATABASE_PATH a database',
      code: onShared(
        container(
          'grafana',
          'grafana/grafana:11.4.0',
          env('GF_DATABASE_TYPE', '"sqlite3"') + env('GF_DATABASE_PATH', '"/var/lib/grafana/state"') + mount('data', '/var/lib/grafana'),
        ) + claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'database', line: 27, column: 21 }],
    },
    {
      name: 'litestream config in a ConfigMap names a database on the claim',
      code: onShared(
        container('litestream', 'litestream/litestream:0.3.13', mount('data', '/var/lib/app') + mount('config', '/etc/litestream')) +
          claimVolume('data', 'data') +
          `        volume {
          name = "config"

          config_map {
            name = kubernetes_config_map_v1.litestream.metadata[0].name
          }
        }
`,
      ).replace(
        '\nresource "kubernetes_persistent',
        `
resource "kubernetes_config_map_v1" "litestream" {
  metadata {
    name      = "litestream"
    namespace = var.namespace
  }

  data = {
    "litestream.yml" = yamlencode({
      dbs = [
        {
          path = "/var/lib/app/app.db"
        },
      ]
    })
  }
}

resource "kubernetes_persistent`,
      ),
      expected: [{ messageId: 'database', line: 59, column: 18 }],
    },
    {
      name: 'CronJob with a database path in a shell command',
      code: `resource "kubernetes_cron_job_v1" "vacuum" {
  metadata {
    name = "vacuum"
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
              name    = "vacuum"
              image   = "keinos/sqlite3:3.46.1"
              command = ["sh", "-c", "sqlite3 /data/app.db 'VACUUM;'"]

              volume_mount {
                name       = "data"
                mount_path = "/data"
              }
            }

            volume {
              name = "data"

              persistent_volume_claim {
                claim_name = "app-data"
              }
            }
          }
        }
      }
    }
  }
}

${shared}`,
      expected: [{ messageId: 'database', line: 20, column: 38 }],
    },
  ],
});
