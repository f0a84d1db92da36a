import rule from '../../../src/lint/rules/conventions/multi-arch';
import { testRule } from '../../support/rule-tester';

const tag = `variable "image_tag" {
  type = string
}
`;

/** A deployment running `image`, with `scheduling` (indented) at the top of its pod spec. */
function deployment(image: string, scheduling = '', extra = ''): string {
  return `
resource "kubernetes_deployment_v1" "meshery" {
  metadata {
    name = "meshery"
  }

  spec {
    selector {
      match_labels = { app = "meshery" }
    }

    template {
      metadata {
        labels = { app = "meshery" }
      }

      spec {
${scheduling}        container {
          name  = "meshery"
          image = ${image}
        }
${extra}      }
    }
  }
}
`;
}

const nodeSelector = (arch: string): string => `        node_selector = {\n          "kubernetes.io/arch" = "${arch}"\n        }\n\n`;

const affinity = (operator: string, arch: string): string => `        affinity {
          node_affinity {
            required_during_scheduling_ignored_during_execution {
              node_selector_term {
                match_expressions {
                  key      = "kubernetes.io/arch"
                  operator = "${operator}"
                  values   = ["${arch}"]
                }
              }
            }
          }
        }

`;

const preferHestia = `        affinity {
          node_affinity {
            preferred_during_scheduling_ignored_during_execution {
              weight = 100

              preference {
                match_expressions {
                  key      = "kubernetes.io/hostname"
                  operator = "In"
                  values   = ["hestia"]
                }
              }
            }
          }
        }

`;

testRule(rule, {
  valid: [
    { name: 'node_selector pins the arch', code: tag + deployment('"layer5/meshery:${var.image_tag}"', nodeSelector('amd64')) },
    { name: 'required node affinity pins the arch', code: tag + deployment('"layer5/meshery:${var.image_tag}"', affinity('In', 'amd64')) },
    { name: 'a multi-arch image needs nothing', code: deployment('"layer5/meshery-cilium:v0.7.0"') },
    {
      name: 'image from a variable without default is unknown',
      code: 'variable "image" {\n  type = string\n}\n' + deployment('var.image'),
    },
    {
      name: 'registry from a variable: the name is not known',
      code: 'variable "registry" {\n  type = string\n}\n' + deployment('"${var.registry}/layer5/meshery:v0.7.159"'),
    },
    {
      name: 'node_selector from a variable without default',
      code:
        'variable "node_selector" {\n  type = map(string)\n}\n' +
        deployment('"layer5/meshery:v0.7.159"', '        node_selector = var.node_selector\n\n'),
    },
    { name: 'docker.io spelling with a pinned pod', code: deployment('"docker.io/layer5/meshery:v0.7.159"', nodeSelector('amd64')) },
  ],
  invalid: [
    {
      name: 'template image without tag default and no pinning',
      code: tag + deployment('"layer5/meshery:${var.image_tag}"'),
      expected: [{ messageId: 'unpinned', line: 23, column: 11 }],
    },
    {
      name: 'a preferred affinity is not a requirement',
      code: deployment('"layer5/meshery:v0.7.159"', preferHestia),
      expected: [{ messageId: 'unpinned', line: 36, column: 11 }],
    },
    {
      name: 'pinned to the other arch',
      code: deployment('"layer5/meshery:v0.7.159"', nodeSelector('arm64')),
      expected: [{ messageId: 'wrongArch', line: 18, column: 9 }],
    },
    {
      name: 'affinity with NotIn does not pin',
      code: deployment('"layer5/meshery:v0.7.159"', affinity('NotIn', 'arm64')),
      expected: [{ messageId: 'unpinned', line: 34, column: 11 }],
    },
    {
      name: 'single-arch image in an init container',
      code: deployment(
        '"nginx:1.27"',
        '',
        '\n        init_container {\n          name  = "migrate"\n          image = "layer5/meshery:v0.7.159"\n        }\n',
      ),
      expected: [{ messageId: 'unpinned', line: 25, column: 11 }],
    },
    {
      name: 'single-arch images come from the constitution',
      code: deployment('"ghcr.io/example/tool:1.0"'),
      constitution: { singleArchImages: [{ image: 'ghcr.io/example/tool', arch: 'arm64' }] },
      expected: [{ messageId: 'unpinned', line: 20, column: 11 }],
    },
  ],
});
