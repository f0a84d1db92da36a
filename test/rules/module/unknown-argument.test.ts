import rule from '../../../src/lint/rules/module/unknown-argument';
import { testRule } from '../../support/rule-tester';

const VARIABLES = `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "default"
}

variable "hostname" {
  description = "Hostname the service is served on"
  type        = string
}

variable "image_tag" {
  description = "Image tag"
  type        = string
  default     = "11.4.0"
}
`;

const call = (body: string, name = 'k8s_grafana'): string => `module "${name}" {
  source = "./modules-k8s/grafana"
${body}
}
`;

testRule(rule, {
  valid: [
    {
      name: 'every argument is a variable',
      files: {
        'kubernetes.tf': call('\n  hostname  = "grafana.brmartin.co.uk"\n  image_tag = "11.5.0"'),
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
    },
    {
      name: 'meta-arguments of a module block',
      files: {
        'kubernetes.tf': call(
          '  for_each   = toset(["a"])\n  depends_on = [kubernetes_namespace_v1.apps]\n  providers = {\n    kubernetes = kubernetes.hestia\n  }\n\n  hostname = "${each.key}.brmartin.co.uk"',
        ),
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
    },
    {
      name: 'a module linted without its caller',
      files: { 'modules-k8s/grafana/variables.tf': VARIABLES, 'modules-k8s/grafana/main.tf': 'locals {\n  app_name = "grafana"\n}\n' },
    },
    {
      name: 'a registry module is not read',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n\n  cidr = "10.0.0.0/16"\n}\n',
    },
    { name: 'a called folder that is not linted is not judged', files: { 'kubernetes.tf': call('\n  hostnme = "x"') } },
    {
      name: 'variables spread over several files',
      files: {
        'kubernetes.tf': call('\n  hostname = "a"\n  replicas = 2'),
        'modules-k8s/grafana/variables.tf': VARIABLES,
        'modules-k8s/grafana/scaling.tf': 'variable "replicas" {\n  type = number\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt argument',
      files: {
        'kubernetes.tf': call('\n  hostname = "grafana.brmartin.co.uk"\n  imagetag = "11.5.0"'),
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
      expected: [
        {
          messageId: 'unknown',
          file: 'kubernetes.tf',
          line: 5,
          column: 3,
          message:
            'module.k8s_grafana (./modules-k8s/grafana) has no variable "imagetag": fix the argument name, or declare the variable in the module; did you mean "image_tag"?',
        },
      ],
    },
    {
      name: 'an argument for a variable the module does not have',
      files: {
        'kubernetes.tf': call('\n  hostname      = "grafana.brmartin.co.uk"\n  storage_class = "glusterfs-nfs"'),
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
      expected: [
        {
          messageId: 'unknown',
          file: 'kubernetes.tf',
          line: 5,
          column: 3,
          message:
            'module.k8s_grafana (./modules-k8s/grafana) has no variable "storage_class": fix the argument name, or declare the variable in the module',
        },
      ],
    },
    {
      name: 'each call of a module twice called is judged',
      files: {
        'kubernetes.tf': `${call('\n  hostnme = "a.brmartin.co.uk"', 'a')}\n${call('\n  hostname = "b.brmartin.co.uk"\n  namespce = "b"', 'b')}`,
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
      expected: [
        { messageId: 'unknown', file: 'kubernetes.tf', line: 4, column: 3 },
        { messageId: 'unknown', file: 'kubernetes.tf', line: 11, column: 3 },
      ],
    },
    {
      name: 'a nested call from a module to its own submodule',
      files: {
        'main.tf': 'module "app" {\n  source = "./modules/app"\n}\n',
        'modules/app/main.tf': 'module "db" {\n  source = "../db"\n\n  size = "1Gi"\n}\n',
        'modules/db/variables.tf': 'variable "storage_size" {\n  type    = string\n  default = "1Gi"\n}\n',
      },
      expected: [{ messageId: 'unknown', file: 'modules/app/main.tf', line: 4, column: 3 }],
    },
  ],
});
