import rule from '../../../src/lint/rules/consistency/cluster-dns';
import { testRule } from '../../support/rule-tester';

const root = `module "gitlab" {
  source    = "./modules/gitlab"
  namespace = "gitlab"
}

module "runner" {
  source = "./modules/runner"
}
`;

/** A Service named `name` in `var.namespace`. */
function service(name: string): string {
  return `
resource "kubernetes_service_v1" "${name.replace(/-/g, '_')}" {
  metadata {
    name      = "${name}"
    namespace = var.namespace
  }

  spec {
    selector = { app = "${name}" }

    port {
      port = 8181
    }
  }
}
`;
}

const gitlab = `variable "namespace" {
  type    = string
  default = "default"
}
${service('gitlab-workhorse')}${service('gitlab-webservice')}${service('gitlab-shell')}`;

/** The runner module: a ConfigMap whose `config.toml` holds `url`. */
function runner(url: string): string {
  return `resource "kubernetes_config_map_v1" "runner" {
  metadata {
    name      = "runner"
    namespace = "gitlab"
  }

  data = {
    "config.toml" = <<-EOT
      [[runners]]
        url = "${url}"
    EOT
  }
}
`;
}

function tree(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'main.tf': root, 'modules/gitlab/main.tf': gitlab, 'modules/runner/main.tf': runner(url), ...extra };
}

testRule(rule, {
  valid: [
    {
      name: 'a name of a Service another module declares, in a config body',
      wholeRepository: true,
      files: tree('http://gitlab-workhorse.gitlab.svc.cluster.local:8181'),
    },
    {
      name: 'not the root folder of a repository',
      files: tree('http://gitlab-workhorks.gitlab.svc.cluster.local:8181'),
    },
    {
      name: 'the root calls a module that was not loaded',
      wholeRepository: true,
      files: { 'main.tf': root, 'modules/runner/main.tf': runner('http://gitlab-workhorks.gitlab.svc:8181') },
    },
    {
      name: 'a computed name is left alone',
      wholeRepository: true,
      files: tree('http://gitlab-workhorse.gitlab.svc:8181', {
        'modules/runner/main.tf': `variable "service" {
  type = string
}

locals {
  url = "http://\${var.service}.gitlab.svc:8181"
}
`,
      }),
    },
    {
      name: 'a namespace where a Helm release may create Services',
      wholeRepository: true,
      files: tree('http://gitlab-redis-master.gitlab.svc:6379', {
        'modules/redis/main.tf':
          'resource "helm_release" "redis" {\n  name       = "gitlab-redis"\n  chart      = "redis"\n  repository = "oci://registry-1.docker.io/bitnamicharts"\n  namespace  = "gitlab"\n}\n',
        'main.tf': `${root}\nmodule "redis" {\n  source = "./modules/redis"\n}\n`,
      }),
    },
    {
      name: 'a namespace the tree declares no Service in, and the built-in API Service',
      wholeRepository: true,
      files: tree('https://kubernetes.default.svc', {
        'modules/runner/extra.tf': 'locals {\n  dns = "kube-dns.kube-system.svc.cluster.local"\n  db  = "postgres.databases.svc:5432"\n}\n',
      }),
    },
    {
      name: 'a pod name of a StatefulSet in front of its Service',
      wholeRepository: true,
      files: tree('http://gitlab-shell-0.gitlab-shell.gitlab.svc.cluster.local'),
    },
  ],
  invalid: [
    {
      name: 'a misspelt Service in a heredoc config body, nearest first',
      wholeRepository: true,
      files: tree('http://gitlab-workhorks.gitlab.svc.cluster.local:8181'),
      expected: [
        {
          messageId: 'unknown',
          file: 'modules/runner/main.tf',
          line: 10,
          column: 23,
          message:
            '"gitlab-workhorks.gitlab.svc.cluster.local" names Service "gitlab-workhorks" in namespace "gitlab", which no module of this repository declares: did you mean gitlab-workhorse? (Services in gitlab: gitlab-workhorse, gitlab-shell, gitlab-webservice)',
        },
      ],
    },
    {
      name: 'short form in an env value and in a yamlencode body of the same module',
      wholeRepository: true,
      files: tree('http://gitlab-workhorse.gitlab.svc:8181', {
        'modules/runner/deploy.tf': `locals {
  settings = yamlencode({
    gitlab = { url = "http://gitlab-web.gitlab.svc:8080" }
  })
  env = [{ name = "SSH_HOST", value = "gitlab-ssh.gitlab.svc" }]
}
`,
      }),
      expected: [
        { messageId: 'unknown', file: 'modules/runner/deploy.tf', line: 3, column: 30 },
        { messageId: 'unknown', file: 'modules/runner/deploy.tf', line: 5, column: 40 },
      ],
    },
    {
      name: 'a name passed as a module argument from the root',
      wholeRepository: true,
      files: tree('http://gitlab-workhorse.gitlab.svc:8181', {
        'main.tf': root.replace('source = "./modules/runner"', 'source = "./modules/runner"\n  url    = "http://gitlab.gitlab.svc"'),
        'modules/runner/variables.tf': 'variable "url" {\n  type = string\n}\n',
      }),
      expected: [{ messageId: 'unknown', file: 'main.tf', line: 8, column: 20 }],
    },
  ],
});
