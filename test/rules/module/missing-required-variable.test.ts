import rule from '../../../src/lint/rules/module/missing-required-variable';
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

variable "ingress" {
  description = "Ingress settings, or null for none"
  type        = object({ host = string })
  default     = null
}
`;

testRule(rule, {
  valid: [
    {
      name: 'the variable without default is passed',
      files: {
        'kubernetes.tf': 'module "k8s_grafana" {\n  source   = "./modules-k8s/grafana"\n  hostname = "grafana.brmartin.co.uk"\n}\n',
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
    },
    {
      name: 'passed from a reference',
      files: {
        'kubernetes.tf': 'module "k8s_grafana" {\n  source   = "./modules-k8s/grafana"\n  hostname = var.hostname\n}\n',
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
    },
    {
      name: 'a default of null is a default',
      files: {
        'kubernetes.tf': 'module "k8s_grafana" {\n  source = "./modules-k8s/grafana"\n}\n',
        'modules-k8s/grafana/variables.tf': VARIABLES.replace(
          '  type        = string\n}',
          '  type        = string\n  default     = null\n}',
        ),
      },
    },
    { name: 'a module linted on its own', files: { 'modules-k8s/grafana/variables.tf': VARIABLES } },
    {
      name: 'a registry module is not read',
      code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a required variable not passed',
      files: {
        'kubernetes.tf': '# Grafana: dashboards.\nmodule "k8s_grafana" {\n  source = "./modules-k8s/grafana"\n}\n',
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
      expected: [
        {
          messageId: 'missing',
          file: 'kubernetes.tf',
          line: 2,
          column: 1,
          message:
            'module.k8s_grafana (./modules-k8s/grafana) requires the variable "hostname" (it has no default): pass hostname = ... in the module block, or give the variable a default',
        },
      ],
    },
    {
      name: 'a misspelt argument leaves the variable unpassed',
      files: {
        'kubernetes.tf': 'module "k8s_grafana" {\n  source   = "./modules-k8s/grafana"\n  hostnme  = "grafana.brmartin.co.uk"\n}\n',
        'modules-k8s/grafana/variables.tf': VARIABLES,
      },
      expected: [{ messageId: 'missing', file: 'kubernetes.tf', line: 1, column: 1 }],
    },
    {
      name: 'two required variables, one call with for_each',
      files: {
        'main.tf': 'module "apps" {\n  source   = "./modules/app"\n  for_each = toset(["a", "b"])\n}\n',
        'modules/app/variables.tf': 'variable "name" {\n  type = string\n}\n\nvariable "port" {\n  type = number\n}\n',
      },
      expected: [
        {
          messageId: 'missing',
          file: 'main.tf',
          line: 1,
          column: 1,
          message:
            'module.apps (./modules/app) requires the variable "name" (it has no default): pass name = ... in the module block, or give the variable a default',
        },
        {
          messageId: 'missing',
          file: 'main.tf',
          line: 1,
          column: 1,
          message:
            'module.apps (./modules/app) requires the variable "port" (it has no default): pass port = ... in the module block, or give the variable a default',
        },
      ],
    },
    {
      name: 'only the call that omits it',
      files: {
        'main.tf': 'module "a" {\n  source   = "./modules/app"\n  hostname = "a"\n}\n\nmodule "b" {\n  source = "./modules/app"\n}\n',
        'modules/app/variables.tf': 'variable "hostname" {\n  type = string\n}\n',
      },
      expected: [{ messageId: 'missing', file: 'main.tf', line: 6, column: 1 }],
    },
  ],
});
