import rule from '../../../src/lint/rules/storage/persistent-class';
import { testRule } from '../../support/rule-tester';

const onClass = (cls: string): string => `resource "kubernetes_persistent_volume_claim_v1" "data" {
  metadata {
    name      = "app-data"
    namespace = var.namespace
    annotations = {
      volume-name = "app_data"
    }
  }

  spec {
    storage_class_name = ${cls}
    access_modes       = ["ReadWriteOnce"]

    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }

  wait_until_bound = false
}
`;

const statefulSet = (cls: string): string => `resource "kubernetes_stateful_set_v1" "db" {
  metadata {
    name = "db"
  }

  spec {
    service_name = "db"

    selector {
      match_labels = {
        app = "db"
      }
    }

    template {
      metadata {
        labels = {
          app = "db"
        }
      }

      spec {
        container {
          name  = "db"
          image = "postgres:16"

          volume_mount {
            name       = "data"
            mount_path = "/var/lib/postgresql/data"
          }
        }
      }
    }

    volume_claim_template {
      metadata {
        name = "data"
      }

      spec {
        storage_class_name = ${cls}
        access_modes       = ["ReadWriteOnce"]

        resources {
          requests = {
            storage = "5Gi"
          }
        }
      }
    }
  }
}
`;

/** A claim (class line given) mounted by an app that keeps its SQLite database on it. */
const sqliteApp = (classLine: string): string => `resource "kubernetes_persistent_volume_claim_v1" "kuma" {
  metadata {
    name = "uptime-kuma"
  }

  spec {
${classLine}    access_modes = ["ReadWriteOnce"]
  }
}

resource "kubernetes_deployment_v1" "kuma" {
  metadata {
    name = "uptime-kuma"
  }

  spec {
    template {
      spec {
        container {
          name  = "kuma"
          image = "louislam/uptime-kuma:1"

          env {
            name  = "DATABASE_URL"
            value = "sqlite:///app/data/kuma.db"
          }

          volume_mount {
            name       = "data"
            mount_path = "/app/data"
          }
        }

        volume {
          name = "data"

          persistent_volume_claim {
            claim_name = kubernetes_persistent_volume_claim_v1.kuma.metadata[0].name
          }
        }
      }
    }
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'a SQLite claim on a node-local class with its exception',
      code: sqliteApp('    storage_class_name = "local-path"\n'),
      constitution: {
        exceptions: [
          { rule: 'storage/persistent-class', workload: 'uptime-kuma', class: 'local-path', reason: 'SQLite, replicated by litestream' },
        ],
      },
    },
    { name: 'claim on the persistent class', code: onClass('"glusterfs-nfs"') },
    {
      name: 'class from a variable default',
      code: `variable "storage_class" {
  description = "Storage class of the data claim"
  type        = string
  default     = "glusterfs-nfs"
}

${onClass('var.storage_class')}`,
    },
    {
      name: 'class from a variable without default is unknown',
      code: `variable "storage_class" {\n  type = string\n}\n\n${onClass('var.storage_class')}`,
    },
    {
      name: 'StatefulSet claim template on the persistent class from a local',
      code: `locals {\n  storage_class = "glusterfs-nfs"\n}\n\n${statefulSet('local.storage_class')}`,
    },
    {
      name: 'for_each claims with the class from each.value',
      code: `resource "kubernetes_persistent_volume_claim_v1" "data" {
  for_each = var.volumes

  metadata {
    name = each.key
  }

  spec {
    storage_class_name = each.value.class
    access_modes       = ["ReadWriteOnce"]

    resources {
      requests = {
        storage = each.value.size
      }
    }
  }
}
`,
    },
    {
      name: 'an exception by claim name and class with a reason',
      code: onClass('"local-path"'),
      constitution: {
        exceptions: [{ rule: 'storage/persistent-class', workload: 'app-data', class: 'local-path', reason: 'TSDB unsupported on NFS' }],
      },
    },
    {
      name: 'an exception by resource name without class',
      code: statefulSet('"local-path"'),
      constitution: { exceptions: [{ rule: 'storage/persistent-class', workload: 'db', reason: 'replicated by the database itself' }] },
    },
    { name: 'another persistent class configured', code: onClass('"local-path"'), constitution: { persistentClass: 'local-path' } },
    {
      name: 'a data source is not a claim the module creates',
      code: 'data "kubernetes_persistent_volume_claim_v1" "old" {\n  metadata {\n    name = "old"\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a SQLite claim on a node-local class is offered the exception, not the network class',
      code: sqliteApp('    storage_class_name = "local-path"\n'),
      expected: [
        {
          messageId: 'sqliteClass',
          line: 7,
          column: 5,
          message:
            'Claim "uptime-kuma" uses storage class "local-path", not the persistent class "glusterfs-nfs", but holds the SQLite database /app/data/kuma.db, which must not move to network storage (storage/sqlite-on-network): add a constitution exception `{ rule: "storage/persistent-class", workload: "uptime-kuma", class: "local-path", reason: "..." }` saying why, or keep the database on an emptyDir replicated with litestream',
        },
      ],
    },
    {
      name: 'a SQLite claim without a class is offered a node-local class with the exception',
      code: sqliteApp(''),
      expected: [
        {
          messageId: 'sqliteDefault',
          line: 6,
          column: 3,
          message:
            'Claim "uptime-kuma" has no `storage_class_name` and holds the SQLite database /app/data/kuma.db, which must not live on network storage (storage/sqlite-on-network): set `storage_class_name = "local-path"` with a constitution exception `{ rule: "storage/persistent-class", workload: "uptime-kuma", class: "local-path", reason: "..." }`, or keep the database on an emptyDir replicated with litestream',
        },
      ],
    },
    { name: 'claim on local-path', code: onClass('"local-path"'), expected: [{ messageId: 'otherClass', line: 11, column: 5 }] },
    {
      name: 'claim without storage_class_name',
      code: `resource "kubernetes_persistent_volume_claim" "data" {
  metadata {
    name = "app-data"
  }

  spec {
    access_modes = ["ReadWriteOnce"]

    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }
}
`,
      expected: [{ messageId: 'defaultClass', line: 6, column: 3, endLine: 6, endColumn: 7 }],
    },
    {
      name: 'StatefulSet claim template on local-path',
      code: statefulSet('"local-path"'),
      expected: [{ messageId: 'otherClass', line: 41, column: 9 }],
    },
    {
      name: 'class from a variable default, reported in the claim',
      code: `variable "storage_class" {
  description = "Storage class of the data claim"
  type        = string
  default     = "local-path"
}

${onClass('var.storage_class')}`,
      expected: [
        {
          messageId: 'otherClass',
          line: 17,
          column: 5,
          message:
            'Claim "app-data" uses storage class "local-path", not the persistent class "glusterfs-nfs": set `storage_class_name = "glusterfs-nfs"`, or add a constitution exception for storage/persistent-class with a reason',
        },
      ],
    },
    {
      name: 'an exception for another class does not cover it',
      code: onClass('"longhorn"'),
      constitution: {
        exceptions: [{ rule: 'storage/persistent-class', workload: 'app-data', class: 'local-path', reason: 'node-local cache' }],
      },
      expected: [{ messageId: 'otherClass', line: 11, column: 5 }],
    },
    {
      name: 'an exception of another rule does not cover it',
      code: onClass('"local-path"'),
      constitution: { exceptions: [{ rule: 'storage/volume-name', workload: 'app-data', reason: 'legacy volume' }] },
      expected: [{ messageId: 'otherClass', line: 11, column: 5 }],
    },
    {
      name: 'counted claims with a literal class',
      code: `resource "kubernetes_persistent_volume_claim_v1" "cache" {
  count = 2

  metadata {
    name = "cache-\${count.index}"
  }

  spec {
    storage_class_name = "local-path"
    access_modes       = ["ReadWriteOnce"]

    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }

  wait_until_bound = false
}
`,
      expected: [{ messageId: 'otherClass', line: 9, column: 5 }],
    },
  ],
});
