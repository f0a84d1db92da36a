import rule from '../../../src/lint/rules/consistency/service-selector';
import { testRule } from '../../support/rule-tester';

const locals = `locals {
  app_name = "web"
  labels = {
    app        = local.app_name
    managed-by = "terraform"
  }
}
`;

/** A deployment whose pod template carries `labels`. */
function deployment(name: string, labels: string): string {
  return `
resource "kubernetes_deployment_v1" "${name}" {
  metadata {
    name = "${name}"
  }

  spec {
    selector {
      match_labels = ${labels}
    }

    template {
      metadata {
        labels = ${labels}
      }

      spec {
        container {
          name  = "${name}"
          image = "nginx:1.27"
        }
      }
    }
  }
}
`;
}

function service(selector: string): string {
  return `
resource "kubernetes_service_v1" "web" {
  metadata {
    name = local.app_name
  }

  spec {
    selector = ${selector}

    port {
      port        = 80
      target_port = 8080
    }
  }
}
`;
}

/** A Job whose pod template carries `labels`; `head` goes first in the resource body. */
function job(labels: string, head = ''): string {
  return `
resource "kubernetes_job_v1" "migrate" {
${head}  metadata {
    name = "migrate"
  }

  spec {
    template {
      metadata {
        labels = ${labels}
      }

      spec {
        container {
          name  = "migrate"
          image = "nginx:1.27"
        }
      }
    }
  }
}
`;
}

const cronJob = `
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
          metadata {
            labels = local.labels
          }

          spec {
            container {
              name  = "backup"
              image = "alpine:3.20"
            }
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
      name: 'selector is a subset of the template labels from locals',
      code: locals + deployment('web', 'local.labels') + service('{ app = local.app_name }'),
    },
    {
      name: 'selector built with merge()',
      code:
        locals + deployment('web', 'merge(local.labels, { tier = "web" })') + service('merge({ app = local.app_name }, { tier = "web" })'),
    },
    {
      name: 'a CronJob with a label of its own is not selected',
      code:
        locals +
        deployment('web', 'merge(local.labels, { component = "web" })') +
        cronJob.replace('labels = local.labels', 'labels = merge(local.labels, { component = "backup" })') +
        service('{ app = local.app_name, component = "web" }'),
    },
    {
      name: 'a selector that only matches a CronJob is left alone',
      code: locals + cronJob + service('{ app = local.app_name }'),
    },
    {
      name: 'a Job whose labels are unknown is not counted',
      code:
        locals +
        deployment('web', 'local.labels') +
        job('{ app = each.key }', '  for_each = toset(["web"])\n') +
        service('{ app = local.app_name }'),
    },
    {
      name: 'selector from a variable without default is unknown',
      code: locals + 'variable "selector" {\n  type = map(string)\n}\n' + deployment('web', 'local.labels') + service('var.selector'),
    },
    {
      name: 'template labels unknown under for_each',
      code:
        locals +
        deployment('web', 'local.labels')
          .replace(
            'resource "kubernetes_deployment_v1" "web" {',
            'resource "kubernetes_deployment_v1" "web" {\n  for_each = toset(["a", "b"])\n',
          )
          .replace('labels = local.labels\n      }', 'labels = { app = each.key }\n      }') +
        service('{ app = "other" }'),
    },
    {
      name: 'a Deployment written as a kubectl_manifest body is a workload',
      code: `${locals}
resource "kubectl_manifest" "web" {
  yaml_body = yamlencode({
    apiVersion = "apps/v1"
    kind       = "Deployment"
    metadata = {
      name   = local.app_name
      labels = local.labels
    }
    spec = {
      selector = { matchLabels = { app = local.app_name } }
      template = {
        metadata = { labels = local.labels }
        spec     = { containers = [{ name = "web", image = "nginx:1.27" }] }
      }
    }
  })
}
${service('{ app = local.app_name }')}`,
    },
    {
      name: 'a Service without selector (external endpoints)',
      code: 'resource "kubernetes_service_v1" "ext" {\n  metadata {\n    name = "ext"\n  }\n\n  spec {\n    port {\n      port = 5432\n    }\n  }\n}\n',
    },
    {
      name: 'selector value from a variable with a default',
      code: `${locals}variable "app" {\n  type    = string\n  default = "web"\n}\n${deployment('web', 'local.labels')}${service('{ app = var.app }')}`,
    },
  ],
  invalid: [
    {
      name: 'a CronJob reusing the server labels becomes an endpoint while it runs',
      code: locals + deployment('web', 'local.labels') + cronJob + service('{ app = local.app_name }'),
      expected: [
        {
          messageId: 'transient',
          line: 69,
          column: 5,
          message:
            'The selector of Service "web" also matches the pod template of kubernetes_cron_job_v1.backup, whose pods become endpoints of the Service while they run: give that template a label the selector does not have (e.g. component = "job")',
        },
      ],
    },
    {
      name: 'a Job reusing the server labels',
      code: locals + deployment('web', 'local.labels') + job('local.labels') + service('{ app = local.app_name }'),
      expected: [{ messageId: 'transient', line: 61, column: 5 }],
    },
    {
      name: 'an unversioned kubernetes_daemonset and a Deployment with the same labels',
      code:
        locals +
        deployment('web', 'local.labels') +
        deployment('agent', 'local.labels').replace('kubernetes_deployment_v1', 'kubernetes_daemonset') +
        service('{ app = local.app_name }'),
      expected: [{ messageId: 'several', line: 65, column: 5 }],
    },
    {
      name: 'a ReplicationController written as a manifest body and a Deployment',
      code: `${locals}${deployment('web', 'local.labels')}
resource "kubernetes_manifest" "legacy" {
  manifest = {
    apiVersion = "v1"
    kind       = "ReplicationController"
    metadata   = { name = "legacy", namespace = "default" }
    spec = {
      template = {
        metadata = { labels = local.labels }
        spec     = { containers = [{ name = "legacy", image = "nginx:1.27" }] }
      }
    }
  }
}
${service('{ app = local.app_name }')}`,
      expected: [{ messageId: 'several', line: 54, column: 5 }],
    },
    {
      name: 'selector value differs from the template',
      code: locals + deployment('web', 'local.labels') + service('{ app = "wbe" }'),
      expected: [{ messageId: 'none', line: 40, column: 5 }],
    },
    {
      name: 'selector key not on the template',
      code: locals + deployment('web', 'local.labels') + service('{ app = local.app_name, tier = "web" }'),
      expected: [{ messageId: 'none', line: 40, column: 5 }],
    },
    {
      name: 'no workload in the module at all',
      code: locals + service('{ app = local.app_name }'),
      expected: [{ messageId: 'none', line: 15, column: 5 }],
    },
    {
      name: 'two deployments share the selected labels',
      code: locals + deployment('web', 'local.labels') + deployment('worker', 'local.labels') + service('{ app = local.app_name }'),
      expected: [{ messageId: 'several', line: 65, column: 5 }],
    },
    {
      name: 'a StatefulSet and a Deployment with the same labels',
      code:
        locals +
        deployment('web', 'local.labels') +
        deployment('db', 'local.labels')
          .replace('kubernetes_deployment_v1', 'kubernetes_stateful_set_v1')
          .replace('spec {\n    selector', 'spec {\n    service_name = "db"\n\n    selector') +
        service('{ managed-by = "terraform" }'),
      expected: [{ messageId: 'several', line: 67, column: 5 }],
    },
  ],
});
