import rule from '../../../src/lint/rules/terraform/duplicate-declaration';
import { testRule } from '../../support/rule-tester';

const NAMESPACE = `variable "namespace" {
  description = "Kubernetes namespace to deploy into"
  type        = string
  default     = "media"
}
`;

const SERVICE = (type: string, name: string): string => `resource "${type}" "${name}" {
  metadata {
    name      = "${name}"
    namespace = var.namespace
  }

  spec {
    selector = {
      app = "${name}"
    }

    port {
      port = 80
    }
  }
}
`;

testRule(rule, {
  valid: [
    {
      name: 'distinct names across files, and one name used by different kinds of declaration',
      files: {
        'variables.tf': `${NAMESPACE}\nvariable "jellyfin" {\n  description = "Whether to deploy Jellyfin"\n  type        = bool\n  default     = true\n}\n`,
        'main.tf': `locals {\n  labels = { app = "jellyfin" }\n}\n\nlocals {\n  jellyfin = "jellyfin"\n}\n\n${SERVICE('kubernetes_service_v1', 'jellyfin')}\n${SERVICE('kubernetes_service_v1', 'plex')}\n# The unversioned and _v1 types are different resource types to Terraform.\n${SERVICE('kubernetes_service', 'jellyfin')}\ndata "kubernetes_service_v1" "jellyfin" {\n  metadata {\n    name = "jellyfin"\n  }\n}\n\nmodule "jellyfin" {\n  source = "./modules/app"\n}\n`,
        'outputs.tf': `output "jellyfin" {\n  value = kubernetes_service_v1.jellyfin.metadata[0].name\n}\n`,
        'providers.tf': `provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n\nprovider "kubernetes" {\n  alias       = "hestia"\n  config_path = "~/.kube/config"\n}\n\nprovider "kubernetes" {\n  alias       = "apollo"\n  config_path = "~/.kube/config"\n}\n`,
        'modules/app/main.tf': 'variable "namespace" {\n  description = "Namespace"\n  type        = string\n  default     = "media"\n}\n',
      },
    },
    {
      name: 'override files redeclare what they override',
      files: {
        'variables.tf': NAMESPACE,
        'main.tf': SERVICE('kubernetes_service_v1', 'jellyfin'),
        'override.tf': `variable "namespace" {\n  default = "staging"\n}\n`,
        'local_override.tf': SERVICE('kubernetes_service_v1', 'jellyfin').replace('port = 80', 'port = 8096'),
      },
    },
    {
      name: 'a commented-out copy is no declaration',
      code: `${NAMESPACE}\n# variable "namespace" {\n#   type = string\n# }\n`,
    },
  ],
  invalid: [
    {
      name: 'a variable declared in two files',
      files: { 'variables.tf': NAMESPACE, 'main.tf': `${SERVICE('kubernetes_service_v1', 'jellyfin')}\n${NAMESPACE}` },
      expected: [
        {
          messageId: 'duplicate',
          file: 'variables.tf',
          line: 1,
          column: 1,
          message:
            'The variable "namespace" is already declared at main.tf:18; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
      ],
    },
    {
      name: 'a resource and a data source copied within one file, and an output twice',
      code: `${NAMESPACE}\n${SERVICE('kubernetes_service_v1', 'jellyfin')}\n${SERVICE('kubernetes_service_v1', 'jellyfin')}\ndata "kubernetes_secret_v1" "token" {\n  metadata {\n    name = "token"\n  }\n}\n\ndata "kubernetes_secret_v1" "token" {\n  metadata {\n    name = "token"\n  }\n}\n\noutput "url" {\n  value = "https://jellyfin.brmartin.co.uk"\n}\n\noutput "url" {\n  value = "https://media.brmartin.co.uk"\n}\n`,
      expected: [
        {
          messageId: 'duplicate',
          line: 24,
          column: 1,
          message:
            'The resource "kubernetes_service_v1.jellyfin" is already declared at main.tf:7; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
        {
          messageId: 'duplicate',
          line: 47,
          column: 1,
          message:
            'The data source "data.kubernetes_secret_v1.token" is already declared at main.tf:41; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
        {
          messageId: 'duplicate',
          line: 57,
          column: 1,
          message:
            'The output "url" is already declared at main.tf:53; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
      ],
    },
    {
      name: 'a module call, a local value in two locals blocks, and a provider configuration without alias',
      files: {
        'main.tf': `locals {\n  labels = { app = "jellyfin" }\n}\n\nmodule "jellyfin" {\n  source = "./modules/app"\n}\n`,
        'apps.tf': `locals {\n  app    = "jellyfin"\n  labels = merge(local.common, { app = local.app })\n}\n\nmodule "jellyfin" {\n  source = "./modules/app"\n}\n\nprovider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n\nprovider "kubernetes" {\n  alias       = "hestia"\n  config_path = "~/.kube/config"\n}\n`,
        'providers.tf': `provider "kubernetes" {\n  config_path = "~/.kube/config"\n}\n\nprovider "kubernetes" {\n  alias       = "hestia"\n  config_path = "~/.kube/config"\n}\n`,
      },
      expected: [
        {
          messageId: 'duplicate',
          file: 'main.tf',
          line: 2,
          column: 3,
          message:
            'The local value "labels" is already declared at apps.tf:3; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
        {
          messageId: 'duplicate',
          file: 'main.tf',
          line: 5,
          column: 1,
          message:
            'The module call "jellyfin" is already declared at apps.tf:6; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
        {
          messageId: 'duplicate',
          file: 'providers.tf',
          line: 1,
          column: 1,
          message:
            'The provider configuration "kubernetes" is already declared at apps.tf:10; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
        {
          messageId: 'duplicate',
          file: 'providers.tf',
          line: 5,
          column: 1,
          message:
            'The provider configuration "kubernetes.hestia" is already declared at apps.tf:14; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
        },
      ],
    },
  ],
});
