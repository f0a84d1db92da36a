import rule from '../../../src/lint/rules/terraform/undefined-reference';
import { testRule } from '../../support/rule-tester';

const service = `resource "kubernetes_service_v1" "web" {
  metadata {
    name      = local.app_name
    namespace = var.namespace
  }

  spec {
    selector = local.labels

    port {
      port = 80
    }
  }
}
`;

const declarations = `variable "namespace" {
  type    = string
  default = "web"
}

locals {
  app_name = "web"
  labels   = { app = local.app_name }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'variables, locals and a resource declared in other files of the module',
      files: {
        'variables.tf': declarations,
        'main.tf': service,
        'outputs.tf': 'output "service_name" {\n  value = kubernetes_service_v1.web.metadata[0].name\n}\n',
      },
    },
    {
      name: 'count, each, self, path and terraform are built in',
      code: `resource "kubernetes_config_map_v1" "files" {
  for_each = toset(["a", "b"])

  metadata {
    name = "\${each.key}-\${terraform.workspace}"
  }

  data = {
    path = "\${path.module}/files/\${each.value}"
  }

  lifecycle {
    ignore_changes = [metadata[0].annotations]

    postcondition {
      condition     = self.metadata[0].name != ""
      error_message = "named"
    }
  }
}

resource "kubernetes_secret_v1" "copies" {
  count = 2

  metadata {
    name = "copy-\${count.index}"
  }
}
`,
    },
    {
      name: 'for-expression and dynamic-block iterators, with a custom iterator name',
      code: `locals {
  ports = { http = 80, metrics = 9090 }
  names = [for name, port in local.ports : upper(name) if port > 0]
}

resource "kubernetes_service_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    dynamic "port" {
      for_each = local.ports
      content {
        name = port.key
        port = port.value
      }
    }

    dynamic "port" {
      for_each = local.ports
      iterator = p
      content {
        name        = "alt-\${p.key}"
        port        = p.value + 1
        target_port = { for k, v in local.ports : k => v }[p.key]
      }
    }
  }
}
`,
    },
    {
      name: 'data sources, module outputs, provider-defined functions and provider aliases',
      code: `provider "kubernetes" {
  alias       = "hestia"
  config_path = "~/.kube/config"
}

data "kubernetes_secret_v1" "token" {
  provider = kubernetes.hestia

  metadata {
    name = "token"
  }
}

module "web" {
  source = "git::https://example.com/web.git"
  providers = {
    kubernetes = kubernetes.hestia
  }
}

output "token" {
  value     = provider::terraform::encode_tfvars({ token = data.kubernetes_secret_v1.token.data["token"] })
  sensitive = true
}

output "url" {
  value = module.web.url
}
`,
    },
    {
      name: 'variable types, moved blocks and check-scoped data sources',
      code: `variable "ports" {
  type = list(object({ name = string, port = optional(number, 80) }))
}

moved {
  from = kubernetes_service.web
  to   = kubernetes_service_v1.web
}

resource "kubernetes_service_v1" "web" {
  metadata {
    name = "web"
  }
}

check "health" {
  data "http" "web" {
    url = "https://web.example.com"
  }

  assert {
    condition     = data.http.web.status_code == 200
    error_message = "down"
  }
}
`,
    },
    {
      name: 'a called module declares the outputs its caller reads',
      files: {
        'main.tf': 'module "web" {\n  source = "./web"\n}\n\noutput "url" {\n  value = module.web.url\n}\n',
        'web/outputs.tf': 'output "url" {\n  value = "https://web.example.com"\n}\n',
      },
    },
    {
      name: 'removed and import blocks that hand a child module resource to its new type',
      files: {
        'main.tf':
          'module "web" {\n  source = "./web"\n}\n\nremoved {\n  from = module.web.kubernetes_service.web\n\n  lifecycle {\n    destroy = false\n  }\n}\n\nimport {\n  to = module.web.kubernetes_service_v1.web\n  id = "default/web"\n}\n',
        'web/main.tf': 'resource "kubernetes_service_v1" "web" {\n  metadata {\n    name = "web"\n  }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an output pointing at a commented-out resource',
      files: {
        'main.tf': `${declarations}
/*
resource "kubernetes_service_v1" "web" {
  metadata {
    name = local.app_name
  }
}
*/
`,
        'outputs.tf': 'output "service_name" {\n  value = kubernetes_service_v1.web.metadata[0].name\n}\n',
      },
      expected: [
        {
          messageId: 'commentedOut',
          file: 'outputs.tf',
          line: 2,
          column: 11,
          message:
            'kubernetes_service_v1.web refers to a resource that is only declared inside a comment (main.tf:11): a commented-out block is not declared; restore it or remove the reference',
        },
      ],
    },
    {
      name: 'a resource commented out line by line',
      code: `# resource "kubernetes_secret_v1" "token" {
#   metadata {
#     name = "token"
#   }
# }

output "token" {
  value = kubernetes_secret_v1.token.metadata[0].name
}
`,
      expected: [{ messageId: 'commentedOut', line: 8, column: 11 }],
    },
    {
      name: 'undeclared variable, local, module, data source and resource',
      code: `resource "kubernetes_service_v1" "web" {
  metadata {
    name      = local.app_nmae
    namespace = var.namespace
  }

  spec {
    selector = { app = "web" }
    port {
      port        = 80
      target_port = data.kubernetes_config_map_v1.ports.data["http"]
    }
  }

  depends_on = [kubernetes_deployment_v1.web, module.db]
}
`,
      expected: [
        { messageId: 'undeclared', line: 3, column: 17 },
        { messageId: 'undeclared', line: 4, column: 17 },
        { messageId: 'undeclared', line: 11, column: 21 },
        { messageId: 'undeclared', line: 15, column: 17 },
        { messageId: 'undeclared', line: 15, column: 47 },
      ],
    },
    {
      name: 'references inside heredocs, yamlencode bodies and a dynamic for_each',
      code: `locals {
  config = yamlencode({
    url = "http://\${kubernetes_service_v1.api.metadata[0].name}:8080"
  })
  script = <<-EOT
    curl \${var.endpoint}
  EOT
}

resource "kubernetes_service_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    dynamic "port" {
      for_each = port.value
      content {
        port = port.value
      }
    }
  }
}
`,
      expected: [
        { messageId: 'undeclared', line: 3, column: 21 },
        { messageId: 'undeclared', line: 6, column: 12 },
        { messageId: 'undeclared', line: 17, column: 18 },
      ],
    },
    {
      name: 'a commented-out variable and a commented-out module call',
      code: `# variable "replicas" {
#   type = number
# }

/* module "db" {
  source = "./db"
} */

output "replicas" {
  value = [var.replicas, module.db.host]
}
`,
      expected: [
        { messageId: 'commentedOut', line: 10, column: 12 },
        { messageId: 'commentedOut', line: 10, column: 26 },
      ],
    },
    {
      name: 'a caller reads an output the called module does not declare',
      files: {
        'main.tf': 'module "web" {\n  source = "./web"\n}\n\noutput "url" {\n  value = module.web.hostname\n}\n',
        'web/outputs.tf': 'output "url" {\n  value = "https://web.example.com"\n}\n',
      },
      expected: [{ messageId: 'output', file: 'main.tf', line: 6, column: 11 }],
    },
  ],
});
