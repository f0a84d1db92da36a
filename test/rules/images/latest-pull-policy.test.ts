import rule from '../../../src/lint/rules/images/latest-pull-policy';
import { testRule } from '../../support/rule-tester';
import { container, deployment, workload } from './_fixtures';

const always = '          image_pull_policy = "Always"\n';
const ifNotPresent = '          image_pull_policy = "IfNotPresent"\n';

const tagVariable = (tag: string): string => `variable "image_tag" {
  description = "Image tag"
  type        = string
  # renovate: datasource=docker depName=nginx
  default = "${tag}"
}

`;

/** A container with `image_pull_policy = "Always"` added below the image, aligned as `terraform fmt` aligns it. */
const withAlways = (name: string, image: string, type = 'container'): string => `        ${type} {
          name              = "${name}"
          image             = ${image}
          image_pull_policy = "Always"
        }
`;

const POLICY = 'spec.0.template.0.spec.0.container.0.image_pull_policy';

/** Hand-written: an unversioned DaemonSet, labels from `merge`, a commented-out container, a one-line init container, a dynamic container with a trailing comment. */
const MESSY = (fixed: boolean): string => `locals {
  labels = merge({ app = "agent" }, var.extra_labels)
}

variable "extra_labels" {
  type    = map(string)
  default = {}
}

resource "kubernetes_daemonset" "agent" {
  metadata {
    name   = "agent"
    labels = local.labels
  }

  spec {
    selector {
      match_labels = { app = "agent" }
    }

    template {
      metadata {
        labels = local.labels
      }

      spec {
        # container {
        #   image = "agent:latest"
        # }
${
  fixed
    ? `        init_container {
          image             = "busybox"
          image_pull_policy = "Always"
        }`
    : '        init_container { image = "busybox" }'
}

        dynamic "container" {
          for_each = ["a", "b"]
          content {
${
  fixed
    ? `            name              = "agent-\${container.value}"
            image             = "example/agent:latest" # moving tag on purpose
            image_pull_policy = "Always"`
    : `            name  = "agent-\${container.value}"
            image = "example/agent:latest" # moving tag on purpose`
}
            args = [
              "--mode=\${container.value}",
            ]
          }
        }
      }
    }
  }
}
`;

testRule(rule, {
  valid: [
    { name: 'pinned tag', code: deployment(container('web', '"nginx:1.27"', ifNotPresent)) },
    { name: 'latest with Always', code: deployment(container('web', '"nginx:latest"', always)) },
    { name: 'no tag with Always', code: deployment(container('web', '"ghcr.io/example/tool"', always)) },
    { name: 'pinned by digest', code: deployment(container('web', '"nginx:latest@sha256:0123456789abcdef"', ifNotPresent)) },
    {
      name: 'Never: the image is loaded on the node on purpose',
      code: deployment(container('web', '"local/tool"', '          image_pull_policy = "Never"\n')),
    },
    { name: 'registry port is not a tag, the tag is pinned', code: deployment(container('web', '"registry.local:5000/app:1.0"')) },
    {
      name: 'tag from a variable without default stays unknown',
      code: `variable "image_tag" {\n  type = string\n}\n\n${deployment(container('web', '"nginx:${var.image_tag}"'))}`,
    },
    {
      name: 'tag from a variable with a version default',
      code: tagVariable('1.27.3') + deployment(container('web', '"nginx:${var.image_tag}"', ifNotPresent)),
    },
    { name: 'policy unknown', code: deployment(container('web', '"nginx:latest"', '          image_pull_policy = var.pull_policy\n')) },
    {
      name: 'policy Always from a local',
      code: `locals {\n  pull = { policy = "Always" }\n}\n\n${deployment(container('web', '"nginx"', '          image_pull_policy = local.pull.policy\n'))}`,
    },
  ],
  invalid: [
    {
      name: 'no tag, no policy, unversioned Deployment',
      code: workload('kubernetes_deployment', 'web', container('web', '"nginx"')),
      output: workload('kubernetes_deployment', 'web', withAlways('web', '"nginx"')),
      parsed: [`+resource.kubernetes_deployment.web.0.${POLICY}`],
      expected: [
        {
          messageId: 'noPolicy',
          line: 15,
          column: 11,
          message:
            'Image "nginx" has no tag, so it is `latest`, and the container sets no `image_pull_policy`: the policy stays whatever the provider last read (IfNotPresent once the tag was pinned), so the node never pulls a newer image: pin a version tag (Renovate bumps it), or set `image_pull_policy = "Always"`',
        },
      ],
    },
    {
      name: 'latest with IfNotPresent',
      code: deployment(container('web', '"nginx:latest"', ifNotPresent)),
      expected: [{ messageId: 'ifNotPresent', line: 15, column: 11 }],
      output: deployment(container('web', '"nginx:latest"', always)),
      parsed: [`~resource.kubernetes_deployment_v1.app.0.${POLICY}`],
    },
    {
      name: 'latest through the default of the tag variable',
      code: tagVariable('latest') + deployment(container('web', '"nginx:${var.image_tag}"', ifNotPresent)),
      expected: [{ messageId: 'ifNotPresent', line: 22, column: 11 }],
      output: tagVariable('latest') + deployment(container('web', '"nginx:${var.image_tag}"', always)),
      parsed: [`~resource.kubernetes_deployment_v1.app.0.${POLICY}`],
    },
    {
      name: 'whole image from a variable default, in a CronJob',
      code: `variable "image" {\n  type    = string\n  default = "ghcr.io/example/backup"\n}\n\n${workload('kubernetes_cron_job_v1', 'backup', container('backup', 'var.image'))}`,
      expected: [{ messageId: 'noPolicy', line: 21, column: 15 }],
      output: `variable "image" {\n  type    = string\n  default = "ghcr.io/example/backup"\n}\n\n${workload('kubernetes_cron_job_v1', 'backup', withAlways('backup', 'var.image'))}`,
      parsed: ['+resource.kubernetes_cron_job_v1.backup.0.spec.0.job_template.0.spec.0.template.0.spec.0.container.0.image_pull_policy'],
    },
    {
      name: 'registry with a port and no tag',
      code: deployment(container('web', '"registry.local:5000/app"', '          image_pull_policy = null\n')),
      expected: [{ messageId: 'noPolicy', line: 15, column: 11 }],
      output: deployment(container('web', '"registry.local:5000/app"', always)),
      parsed: [`~resource.kubernetes_deployment_v1.app.0.${POLICY}`],
    },
    {
      name: 'several workloads: init container of one, sidecar of another',
      code:
        deployment(container('migrate', '"example/migrate:latest"', '', 'init_container') + container('web', '"nginx:1.27"')) +
        '\n' +
        workload(
          'kubernetes_stateful_set_v1',
          'db',
          container('db', '"postgres:16.4"') + container('exporter', '"prometheuscommunity/postgres-exporter"'),
        ),
      expected: [
        { messageId: 'noPolicy', line: 15, column: 11 },
        { messageId: 'noPolicy', line: 44, column: 11 },
      ],
      output:
        deployment(withAlways('migrate', '"example/migrate:latest"', 'init_container') + container('web', '"nginx:1.27"')) +
        '\n' +
        workload(
          'kubernetes_stateful_set_v1',
          'db',
          container('db', '"postgres:16.4"') + withAlways('exporter', '"prometheuscommunity/postgres-exporter"'),
        ),
      parsed: [
        '+resource.kubernetes_deployment_v1.app.0.spec.0.template.0.spec.0.init_container.0.image_pull_policy',
        `+resource.kubernetes_stateful_set_v1.db.0.spec.0.template.0.spec.0.container.1.image_pull_policy`,
      ],
    },
    {
      name: 'hand-written DaemonSet: one-line init container, dynamic container with a comment after the image',
      code: MESSY(false),
      expected: [
        { messageId: 'noPolicy', line: 30, column: 26 },
        { messageId: 'noPolicy', line: 36, column: 13 },
      ],
      output: MESSY(true),
      parsed: [
        '+resource.kubernetes_daemonset.agent.0.spec.0.template.0.spec.0.init_container.0.image_pull_policy',
        '+resource.kubernetes_daemonset.agent.0.spec.0.template.0.spec.0.dynamic.container.0.content.0.image_pull_policy',
      ],
    },
  ],
});
