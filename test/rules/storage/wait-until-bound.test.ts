import rule from '../../../src/lint/rules/storage/wait-until-bound';
import { testRule } from '../../support/rule-tester';

const claim = (cls: string, tail: string): string => `resource "kubernetes_persistent_volume_claim_v1" "data" {
  metadata {
    name      = "prometheus-data"
    namespace = var.namespace
  }

  spec {
    storage_class_name = ${cls}
    access_modes       = ["ReadWriteOnce"]

    resources {
      requests = {
        storage = "10Gi"
      }
    }
  }
${tail}}
`;

/** Hand-written: two claims (one unversioned), comments inside blocks, a heredoc, blocks on one line. */
const MESSY = `# Claims for the media stack.
resource "kubernetes_persistent_volume_claim" "media" {
  metadata {
    name      = "media"
    namespace = "media"
    annotations = {
      note = <<-EOT
        keep
      EOT
    }
  }
  spec {
    storage_class_name = "local-path" # node-local
    access_modes       = ["ReadWriteOnce"]
    resources {
      requests = { storage = "1Ti" }
    }
  }
  # wait_until_bound = true
}

resource "kubernetes_persistent_volume_claim_v1" "cache" {
  metadata { name = "cache" }

  spec {
    storage_class_name = "local-path"
    access_modes       = ["ReadWriteOnce"]
  }
  lifecycle { prevent_destroy = true }
} # end of cache
`;

testRule(rule, {
  valid: [
    { name: 'WaitForFirstConsumer class with wait_until_bound = false', code: claim('"local-path"', '\n  wait_until_bound = false\n') },
    { name: 'Immediate class may wait', code: claim('"glusterfs-nfs"', '') },
    { name: 'class unknown', code: claim('var.storage_class', '') },
    { name: 'wait_until_bound unknown', code: claim('"local-path"', '\n  wait_until_bound = var.wait\n') },
    {
      name: 'wait_until_bound false from a variable default',
      code: `variable "wait_until_bound" {
  description = "Wait for the claim to bind"
  type        = bool
  default     = false
}

${claim('"local-path"', '\n  wait_until_bound = var.wait_until_bound\n')}`,
    },
    { name: 'class not in the constitution', code: claim('"longhorn"', '') },
    { name: 'no class: the default class is not judged here', code: claim('null', '') },
    {
      name: 'StatefulSet claim templates are not waited on by Terraform',
      code: `resource "kubernetes_stateful_set_v1" "db" {
  metadata {
    name = "db"
  }

  spec {
    service_name = "db"

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
        }
      }
    }

    volume_claim_template {
      metadata {
        name = "data"
      }

      spec {
        storage_class_name = "local-path"
        access_modes       = ["ReadWriteOnce"]
      }
    }
  }
}
`,
    },
    {
      name: 'for_each claims with wait_until_bound = false',
      code: `resource "kubernetes_persistent_volume_claim_v1" "cache" {
  for_each = toset(["a", "b"])

  metadata {
    name = "cache-\${each.key}"
  }

  spec {
    storage_class_name = "local-path"
    access_modes       = ["ReadWriteOnce"]
  }

  wait_until_bound = false
}
`,
    },
  ],
  invalid: [
    {
      name: 'local-path without wait_until_bound',
      code: claim('"local-path"', ''),
      expected: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 56 }],
      output: claim('"local-path"', '\n  wait_until_bound = false\n'),
      parsed: ['+resource.kubernetes_persistent_volume_claim_v1.data.0.wait_until_bound'],
    },
    {
      name: 'wait_until_bound = true',
      code: claim('"local-path"', '\n  wait_until_bound = true\n'),
      expected: [{ messageId: 'waits', line: 18, column: 3 }],
      output: claim('"local-path"', '\n  wait_until_bound = false\n'),
      parsed: ['~resource.kubernetes_persistent_volume_claim_v1.data.0.wait_until_bound'],
    },
    {
      name: 'wait_until_bound = null',
      code: claim('"local-path"', '\n  wait_until_bound = null\n'),
      expected: [{ messageId: 'waits', line: 18, column: 3 }],
      output: claim('"local-path"', '\n  wait_until_bound = false\n'),
      parsed: ['~resource.kubernetes_persistent_volume_claim_v1.data.0.wait_until_bound'],
    },
    {
      name: 'wait_until_bound from a variable that defaults to true: the caller may pass another value, no fix',
      code: `variable "wait" {
  description = "Wait for the claim to bind"
  type        = bool
  default     = true
}

${claim('"local-path"', '\n  wait_until_bound = var.wait\n')}`,
      expected: [{ messageId: 'waits', line: 24, column: 3 }],
      output: null,
    },
    {
      name: 'several claims, comments, a heredoc, one-line blocks and a comment after the closing brace',
      code: MESSY,
      expected: [
        { messageId: 'missing', line: 2, column: 1 },
        { messageId: 'missing', line: 22, column: 1 },
      ],
      output: MESSY.replace('  # wait_until_bound = true\n}', '  # wait_until_bound = true\n\n  wait_until_bound = false\n}').replace(
        '  lifecycle { prevent_destroy = true }\n}',
        '  lifecycle { prevent_destroy = true }\n\n  wait_until_bound = false\n}',
      ),
      parsed: [
        '+resource.kubernetes_persistent_volume_claim.media.0.wait_until_bound',
        '+resource.kubernetes_persistent_volume_claim_v1.cache.0.wait_until_bound',
      ],
    },
    {
      name: 'class from a local',
      code: `locals {\n  storage_class = "local-path"\n}\n\n${claim('local.storage_class', '')}`,
      expected: [{ messageId: 'missing', line: 5, column: 1 }],
    },
    {
      name: 'unversioned resource, counted',
      code: `resource "kubernetes_persistent_volume_claim" "cache" {
  count = var.replicas

  metadata {
    name = "cache-\${count.index}"
  }

  spec {
    storage_class_name = "local-path"
    access_modes       = ["ReadWriteOnce"]
  }
}
`,
      output: `resource "kubernetes_persistent_volume_claim" "cache" {
  count = var.replicas

  metadata {
    name = "cache-\${count.index}"
  }

  spec {
    storage_class_name = "local-path"
    access_modes       = ["ReadWriteOnce"]
  }

  wait_until_bound = false
}
`,
      parsed: ['+resource.kubernetes_persistent_volume_claim.cache.0.wait_until_bound'],
      expected: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message:
            'Claim "kubernetes_persistent_volume_claim.cache" is on class "local-path", which binds only when a pod uses it, so `terraform apply` waits forever: add `wait_until_bound = false`',
        },
      ],
    },
    {
      name: 'another WaitForFirstConsumer class configured',
      code: claim('"openebs-hostpath"', ''),
      constitution: {
        storageClasses: {
          'glusterfs-nfs': { bindingMode: 'Immediate', network: true, nfs: true },
          'openebs-hostpath': { bindingMode: 'WaitForFirstConsumer', network: false, nfs: false },
        },
      },
      expected: [{ messageId: 'missing', line: 1, column: 1 }],
    },
  ],
});
