import rule from '../../../src/lint/rules/conventions/labels';
import { testRule } from '../../support/rule-tester';

const locals = `locals {
  app_name = "web"
  labels = {
    app        = local.app_name
    managed-by = "terraform"
  }
}
`;

const configMap = (metadata: string): string => `
resource "kubernetes_config_map_v1" "web" {
  metadata {
    name = "web"
${metadata}  }

  data = {
    "app.conf" = "listen 80;"
  }
}
`;

function deployment(selector: string, templateLabels: string): string {
  return `
resource "kubernetes_deployment_v1" "web" {
  for_each = toset(["blue", "green"])

  metadata {
    name   = "web-\${each.key}"
    labels = local.labels
  }

  spec {
    selector {
      match_labels = ${selector}
    }

    template {
      metadata {
        labels = ${templateLabels}
      }

      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
        }
      }
    }
  }
}
`;
}

const middleware = (metadata: string): string => `
resource "kubectl_manifest" "middleware" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata = {
      name = "auth"
${metadata}    }
    spec = {
      basicAuth = { secret = "auth" }
    }
  })
}
`;

const extraVariable = 'variable "extra_labels" {\n  type = map(string)\n}\n';

testRule(rule, {
  valid: [
    {
      name: 'template labels merged with a version from a variable without default',
      code: `${locals}variable "image_tag" {\n  type = string\n}\n${deployment('local.labels', 'merge(local.labels, { version = var.image_tag })')}`,
    },
    {
      name: 'template labels merged with a map of unknown keys',
      code: extraVariable + locals + deployment('{ app = local.app_name, tier = "web" }', 'merge(local.labels, var.extra_labels)'),
    },
    {
      name: 'labels merged with a map of unknown keys may hold a required one',
      code: extraVariable + configMap('    labels = merge({ managed-by = "terraform" }, var.extra_labels)\n'),
    },
    { name: 'labels from locals', code: locals + configMap('    labels = local.labels\n') },
    { name: 'recommended label style', code: configMap('    labels = {\n      "app.kubernetes.io/name" = "web"\n    }\n') },
    {
      name: 'labels from a variable without default are unknown',
      code: 'variable "labels" {\n  type = map(string)\n}\n' + configMap('    labels = var.labels\n'),
    },
    {
      name: 'for_each workload whose selector is a subset of its template',
      code: locals + deployment('{ app = local.app_name }', 'merge(local.labels, { color = each.key })'),
    },
    {
      name: 'selector value unknown in the template',
      code: locals + deployment('{ app = local.app_name, color = each.key }', 'merge(local.labels, { color = each.key })'),
    },
    { name: 'manifest with labels', code: locals + middleware('      labels = local.labels\n') },
    {
      name: 'a patcher resource owns no object',
      code: 'resource "kubernetes_labels" "node" {\n  api_version = "v1"\n  kind        = "Node"\n\n  metadata {\n    name = "hestia"\n  }\n\n  labels = {\n    role = "storage"\n  }\n}\n',
    },
    { name: 'a data source is not linted', code: 'data "kubernetes_config_map_v1" "other" {\n  metadata {\n    name = "other"\n  }\n}\n' },
  ],
  invalid: [
    {
      name: 'a certain template label after a map of unknown keys differs from the selector',
      code: extraVariable + locals + deployment('local.labels', 'merge(var.extra_labels, { app = "api" })'),
      expected: [{ messageId: 'selectorNotInTemplate', line: 22, column: 7 }],
    },
    { name: 'no labels at all', code: configMap(''), expected: [{ messageId: 'missing', line: 3, column: 3 }] },
    {
      name: 'labels without a required key',
      code: configMap('    labels = {\n      managed-by = "terraform"\n    }\n'),
      expected: [{ messageId: 'noRequiredKey', line: 5, column: 5 }],
    },
    { name: 'manifest without labels', code: middleware(''), expected: [{ messageId: 'missing', line: 6, column: 5 }] },
    {
      name: 'selector key missing from the template',
      code: locals + deployment('{ app = local.app_name, tier = "web" }', 'local.labels'),
      expected: [{ messageId: 'selectorNotInTemplate', line: 19, column: 46 }],
    },
    {
      name: 'selector value differs from the template',
      code: locals + deployment('{ app = "api" }', 'local.labels'),
      expected: [{ messageId: 'selectorNotInTemplate', line: 19, column: 24 }],
    },
    {
      name: 'required keys come from the constitution',
      code: locals + configMap('    labels = local.labels\n'),
      constitution: { labels: { required: ['app.kubernetes.io/name'] } },
      expected: [{ messageId: 'noRequiredKey', line: 12, column: 5 }],
    },
  ],
});
