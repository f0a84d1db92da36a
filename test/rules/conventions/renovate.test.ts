import rule from '../../../src/lint/rules/conventions/renovate';
import { testRule } from '../../support/rule-tester';

function deployment(image: string): string {
  return `
resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name = "grafana"
  }

  spec {
    selector {
      match_labels = { app = "grafana" }
    }

    template {
      metadata {
        labels = { app = "grafana" }
      }

      spec {
        container {
          name  = "grafana"
          image = ${image}
        }
      }
    }
  }
}
`;
}

const variable = (name: string, body: string): string => `variable "${name}" {
  description = "Image tag"
  type        = string
${body}}
`;

const commented = (depName: string): string => `  # renovate: datasource=docker depName=${depName}\n  default = "11.4.0"\n`;

testRule(rule, {
  valid: [
    {
      name: 'comment above the default',
      code: variable('image_tag', commented('grafana/grafana')) + deployment('"grafana/grafana:${var.image_tag}"'),
    },
    {
      name: 'comment above the variable block',
      code:
        '# renovate: datasource=docker depName=grafana/grafana\n' +
        variable('image_tag', '  default = "11.4.0"\n') +
        deployment('"grafana/grafana:${var.image_tag}"'),
    },
    {
      name: 'tag variable without default has nothing to bump',
      code: variable('image_tag', '') + deployment('"grafana/grafana:${var.image_tag}"'),
    },
    {
      name: 'docker.io spelling of the same image',
      code: variable('image_tag', commented('docker.io/grafana/grafana')) + deployment('"grafana/grafana:${var.image_tag}"'),
    },
    {
      name: 'a variable that is not a tag',
      code: variable('hostname', '  default = "grafana.example.com"\n') + deployment('"grafana/grafana:11.4.0"'),
    },
    {
      name: 'registry and name variables need no comment',
      code:
        variable('image_name', '  default = "grafana/grafana"\n') +
        variable('image_tag', commented('grafana/grafana')) +
        deployment('"${var.image_name}:${var.image_tag}"'),
    },
  ],
  invalid: [
    {
      name: 'tag variable without comment',
      code: variable('image_tag', '  default = "11.4.0"\n') + deployment('"grafana/grafana:${var.image_tag}"'),
      expected: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'a _tag variable not used in the module',
      code: variable('sidecar_tag', '  default = "0.3.13"\n'),
      expected: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'an oddly named variable used as the tag',
      code: variable('grafana', '  default = "11.4.0"\n') + deployment('"grafana/grafana:${var.grafana}"'),
      expected: [{ messageId: 'missing', line: 4, column: 3 }],
    },
    {
      name: 'comment names another image',
      code: variable('image_tag', commented('grafana/loki')) + deployment('"grafana/grafana:${var.image_tag}"'),
      expected: [{ messageId: 'wrongImage', line: 5, column: 3 }],
    },
    {
      name: 'whole image reference in a variable',
      code: variable('image', '  default = "grafana/grafana:11.4.0"\n') + deployment('var.image'),
      expected: [{ messageId: 'missing', line: 4, column: 3 }],
    },
  ],
});
