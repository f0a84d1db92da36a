import rule from '../../../src/lint/rules/module/type-mismatch';
import { testRule } from '../../support/rule-tester';

const VARIABLES = `variable "replicas" {
  type    = number
  default = 1
}

variable "enabled" {
  type    = bool
  default = true
}

variable "hostname" {
  type    = string
  default = "x"
}

variable "ports" {
  type    = list(number)
  default = []
}

variable "env" {
  type    = map(string)
  default = {}
}

variable "ingress" {
  type = object({
    host        = string
    middlewares = optional(list(string), [])
  })
  default = null
}

variable "anything" {
  default = null
}
`;

const call = (body: string): Record<string, string> => ({
  'main.tf': `module "app" {\n  source = "./modules/app"\n\n${body}\n}\n`,
  'modules/app/variables.tf': VARIABLES,
});

testRule(rule, {
  valid: [
    {
      name: 'literals of the declared types',
      files: call(
        '  replicas = 2\n  enabled  = false\n  hostname = "app.brmartin.co.uk"\n  ports    = [80, 443]\n  env      = { A = "1" }\n  ingress  = { host = "app.brmartin.co.uk", middlewares = ["auth"] }',
      ),
    },
    {
      name: 'literals Terraform converts',
      files: call(
        '  replicas = "2"\n  enabled  = "true"\n  hostname = 42\n  ports    = ["80"]\n  env      = { WORKERS = 4, DEBUG = false }\n  ingress  = { host = "a", extra = "dropped" }',
      ),
    },
    {
      name: 'references are left to Terraform',
      files: call('  replicas = var.replicas\n  hostname = local.hostname\n  ingress  = var.ingress'),
    },
    { name: 'untyped variables take anything', files: call('  anything = ["a", { b = 1 }]') },
    { name: 'null for any type', files: call('  ingress  = null\n  replicas = null') },
    { name: 'an optional attribute left out', files: call('  ingress = { host = "app.brmartin.co.uk" }') },
  ],
  invalid: [
    {
      name: 'a word for a number and a number for a bool',
      files: call('  replicas = "two"\n  enabled  = 1'),
      expected: [
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 4,
          column: 14,
          message:
            '"replicas" of module.app (./modules/app) must be number, but the string "two" does not convert to it: pass a value of that type',
        },
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 5,
          column: 14,
          message:
            '"enabled" of module.app (./modules/app) must be bool, but the number 1 does not convert to it: pass a value of that type',
        },
      ],
    },
    {
      name: 'a list for a string and a scalar for a list',
      files: call('  hostname = ["a", "b"]\n  ports    = 80'),
      expected: [
        { messageId: 'mismatch', file: 'main.tf', line: 4, column: 14 },
        { messageId: 'mismatch', file: 'main.tf', line: 5, column: 14 },
      ],
    },
    {
      name: 'a list item and a map value',
      files: call('  ports = [80, "http"]\n  env   = { A = "1", B = ["x"] }'),
      expected: [
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 4,
          column: 16,
          message:
            '"ports[1]" of module.app (./modules/app) must be number, but the string "http" does not convert to it: pass a value of that type',
        },
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 5,
          column: 26,
          message: '"env.B" of module.app (./modules/app) must be string, but a list does not convert to it: pass a value of that type',
        },
      ],
    },
    {
      name: 'an object missing a required attribute, and a wrong attribute type',
      files: call('  ingress = { hots = "app.brmartin.co.uk", middlewares = "auth" }'),
      expected: [
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 4,
          column: 13,
          message:
            '"ingress" of module.app (./modules/app) must be object({host = string, middlewares = optional(list(string))}), but an object without "host" does not convert to it: pass a value of that type',
        },
        {
          messageId: 'mismatch',
          file: 'main.tf',
          line: 4,
          column: 58,
          message:
            '"ingress.middlewares" of module.app (./modules/app) must be list(string), but the string "auth" does not convert to it: pass a value of that type',
        },
      ],
    },
  ],
});
