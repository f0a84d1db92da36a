import rule from '../../../src/lint/rules/terraform/deprecated-resource';
import path from 'node:path';
import { importId } from '../../../src/generate/adoption';
import { resolveConfig } from '../../../src/lint/config';
import { fixFiles } from '../../../src/lint/fix';
import { testRule, VIRTUAL_ROOT } from '../../support/rule-tester';

/** A root module (it has a backend) calling one hand-written module twice. */
const ROOT = `terraform {
  backend "local" {}
}

module "web" {
  source    = "./modules/web"
  namespace = "apps"
}

module "web_staging" {
  source    = "./modules/web"
  namespace = "staging"
}
`;

/** The module: a reference in a template, a heredoc, a yamlencode body and depends_on, one in a comment, a data source, a `moved` block. */
const WEB = `variable "namespace" {
  description = "Namespace"
  type        = string
}

# The web front end.
resource "kubernetes_service" "web" {
  metadata {
    name      = "web"
    namespace = var.namespace
  }
}

resource "kubernetes_config_map_v1" "web" {
  metadata { name = "web" }
  data = {
    # kubernetes_service.web is named in this comment only
    url = "http://\${kubernetes_service.web.metadata[0].name}"
    script = <<-EOT
      curl \${kubernetes_service.web.metadata.0.name}
    EOT
    config = yamlencode({ upstream = kubernetes_service.web.metadata[0].name })
  }
  depends_on = [kubernetes_service.web]
}

data "kubernetes_secret" "token" {
  metadata {
    name = "token"
  }
}

output "token" {
  value     = data.kubernetes_secret.token.data
  sensitive = true
}

moved {
  from = kubernetes_config_map_v1.site
  to   = kubernetes_config_map_v1.web
}
`;

testRule(rule, {
  valid: [
    {
      name: 'versioned types',
      code: `resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name = "grafana"
  }
}

resource "kubernetes_service_v1" "grafana" {
  metadata {
    name = "grafana"
  }
}

resource "kubernetes_daemon_set_v1" "node_exporter" {
  metadata {
    name = "node-exporter"
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
    },
    {
      name: 'types without a versioned successor',
      code: `resource "kubernetes_manifest" "crd" {
  manifest = {
    apiVersion = "v1"
    kind       = "ConfigMap"
  }
}

resource "kubernetes_labels" "node" {
  api_version = "v1"
  kind        = "Node"
  labels = {
    "topology.kubernetes.io/zone" = "hestia"
  }
}

resource "kubernetes_config_map_v1_data" "coredns" {
  data = {
    "Corefile" = ".:53 {}"
  }
}

data "kubernetes_nodes" "all" {}
`,
    },
    {
      name: 'a moved block between two versioned types is not the rejected move',
      code: `moved {
  from = kubernetes_horizontal_pod_autoscaler_v1.grafana
  to   = kubernetes_horizontal_pod_autoscaler_v2.grafana
}

removed {
  from = kubernetes_service.grafana

  lifecycle {
    destroy = false
  }
}

import {
  to = kubernetes_service_v1.grafana
  id = "monitoring/grafana"
}
`,
    },
    {
      name: 'kubectl manifests of the same kinds',
      code: `resource "kubectl_manifest" "deployment" {
  count = 1

  yaml_body = yamlencode({
    apiVersion = "apps/v1"
    kind       = "Deployment"
    metadata   = { name = "meshery" }
  })
}
`,
    },
    {
      name: 'versioned data sources and dynamic blocks',
      code: `data "kubernetes_secret_v1" "tls" {
  metadata {
    name = "wildcard-brmartin-tls"
  }
}

resource "kubernetes_stateful_set_v1" "postgres" {
  metadata {
    name = "postgres"
  }

  spec {
    template {
      spec {
        dynamic "volume" {
          for_each = ["data"]
          content {
            name = volume.value
          }
        }
      }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'fix: rename, references in the module, removed + import in the root for each call',
      wholeRepository: true,
      files: { 'main.tf': ROOT, 'modules/web/main.tf': WEB },
      expected: [
        { messageId: 'resource', file: 'modules/web/main.tf', line: 7, column: 10 },
        { messageId: 'resource', file: 'modules/web/main.tf', line: 7, column: 10 },
        { messageId: 'data', file: 'modules/web/main.tf', line: 27, column: 6 },
      ],
      output: {
        'main.tf': `terraform {
  backend "local" {}
}

module "web" {
  source    = "./modules/web"
  namespace = "apps"
}

module "web_staging" {
  source    = "./modules/web"
  namespace = "staging"
}

removed {
  from = module.web.kubernetes_service.web

  lifecycle {
    destroy = false
  }
}

import {
  to = module.web.kubernetes_service_v1.web
  id = "apps/web"
}

removed {
  from = module.web_staging.kubernetes_service.web

  lifecycle {
    destroy = false
  }
}

import {
  to = module.web_staging.kubernetes_service_v1.web
  id = "staging/web"
}
`,
        'modules/web/main.tf': `variable "namespace" {
  description = "Namespace"
  type        = string
}

# The web front end.
resource "kubernetes_service_v1" "web" {
  metadata {
    name      = "web"
    namespace = var.namespace
  }
}

resource "kubernetes_config_map_v1" "web" {
  metadata { name = "web" }
  data = {
    # kubernetes_service.web is named in this comment only
    url = "http://\${kubernetes_service_v1.web.metadata[0].name}"
    script = <<-EOT
      curl \${kubernetes_service_v1.web.metadata.0.name}
    EOT
    config = yamlencode({ upstream = kubernetes_service_v1.web.metadata[0].name })
  }
  depends_on = [kubernetes_service_v1.web]
}

data "kubernetes_secret_v1" "token" {
  metadata {
    name = "token"
  }
}

output "token" {
  value     = data.kubernetes_secret_v1.token.data
  sensitive = true
}

moved {
  from = kubernetes_config_map_v1.site
  to   = kubernetes_config_map_v1.web
}
`,
      },
      parsed: [
        'main.tf: +removed',
        'main.tf: +import',
        'modules/web/main.tf: -resource.kubernetes_service',
        'modules/web/main.tf: +resource.kubernetes_service_v1',
        'modules/web/main.tf: ~resource.kubernetes_config_map_v1.web.0.data.url',
        'modules/web/main.tf: ~resource.kubernetes_config_map_v1.web.0.data.script',
        'modules/web/main.tf: ~resource.kubernetes_config_map_v1.web.0.data.config',
        'modules/web/main.tf: ~resource.kubernetes_config_map_v1.web.0.depends_on.0',
        'modules/web/main.tf: -data.kubernetes_secret',
        'modules/web/main.tf: +data.kubernetes_secret_v1',
        'modules/web/main.tf: ~output.token.0.value',
      ],
    },
    {
      name: 'no fix: a moved block moves an object to the old address',
      wholeRepository: true,
      files: {
        'main.tf': ROOT,
        'modules/web/main.tf': `resource "kubernetes_service" "web" {
  metadata {
    name = "web"
  }
}

moved {
  from = kubernetes_service.old
  to   = kubernetes_service.web
}
`,
      },
      // One finding: both calls give the same message (the object has no namespace).
      expected: [{ messageId: 'resource', file: 'modules/web/main.tf', line: 1, column: 10 }],
      output: null,
    },
    {
      name: 'no fix: a call with for_each (the instance keys are not known)',
      wholeRepository: true,
      files: {
        'main.tf': `provider "kubernetes" {}

module "web" {
  source   = "./modules/web"
  for_each = toset(["apps"])

  namespace = each.key
}
`,
        'modules/web/main.tf': `variable "namespace" {
  type = string
}

resource "kubernetes_service" "web" {
  metadata {
    name      = "web"
    namespace = var.namespace
  }
}
`,
      },
      expected: [{ messageId: 'resource', file: 'modules/web/main.tf', line: 5, column: 10 }],
      output: null,
    },
    {
      name: 'no fix: the module is not in a whole repository, another root might call it',
      files: {
        'main.tf': ROOT,
        'modules/web/main.tf': WEB.replace('data "kubernetes_secret"', 'data "kubernetes_secret_v1"').replace(
          'data.kubernetes_secret.',
          'data.kubernetes_secret_v1.',
        ),
      },
      expected: [
        { messageId: 'resource', file: 'modules/web/main.tf', line: 7, column: 10 },
        { messageId: 'resource', file: 'modules/web/main.tf', line: 7, column: 10 },
      ],
      output: null,
    },
    {
      name: 'fix in the root module itself, a bare label, the removed block already written',
      wholeRepository: true,
      code: `provider "kubernetes" {}

resource kubernetes_namespace monitoring {
  metadata {
    name = "monitoring"
  }
}

output "namespace" {
  value = kubernetes_namespace.monitoring.metadata[0].name
}

removed {
  from = kubernetes_namespace.monitoring

  lifecycle {
    destroy = false
  }
}`,
      expected: [{ messageId: 'resource', line: 3, column: 10 }],
      output: `provider "kubernetes" {}

resource "kubernetes_namespace_v1" monitoring {
  metadata {
    name = "monitoring"
  }
}

output "namespace" {
  value = kubernetes_namespace_v1.monitoring.metadata[0].name
}

removed {
  from = kubernetes_namespace.monitoring

  lifecycle {
    destroy = false
  }
}

import {
  to = kubernetes_namespace_v1.monitoring
  id = "monitoring"
}
`,
      parsed: ['-resource.kubernetes_namespace', '+resource.kubernetes_namespace_v1', '~output.namespace.0.value', '+import'],
    },
    {
      name: 'a moved block from the old type, which the provider rejects',
      files: {
        'main.tf': `resource "kubernetes_persistent_volume_claim_v1" "prometheus_data" {
  for_each = toset(["data"])

  metadata {
    name = "prometheus-\${each.key}"
  }
}
`,
        'moved.tf': `moved {
  from = kubernetes_persistent_volume_claim.prometheus_data
  to   = kubernetes_persistent_volume_claim_v1.prometheus_data
}

moved {
  from = module.grafana.kubernetes_daemonset.node_exporter
  to   = module.grafana.kubernetes_daemon_set_v1.node_exporter
}
`,
      },
      expected: [
        {
          messageId: 'move',
          file: 'moved.tf',
          line: 1,
          column: 1,
          message:
            'hashicorp/kubernetes rejects moving kubernetes_persistent_volume_claim.prometheus_data to kubernetes_persistent_volume_claim_v1.prometheus_data ("Move Resource State Not Supported"): replace this `moved` block with `removed { from = kubernetes_persistent_volume_claim.prometheus_data lifecycle { destroy = false } }` and `import { to = kubernetes_persistent_volume_claim_v1.prometheus_data id = "<namespace>/<name>" }` (Terraform >= 1.7)',
        },
        {
          messageId: 'move',
          file: 'moved.tf',
          line: 6,
          column: 1,
          message:
            'hashicorp/kubernetes rejects moving module.grafana.kubernetes_daemonset.node_exporter to module.grafana.kubernetes_daemon_set_v1.node_exporter ("Move Resource State Not Supported"): replace this `moved` block with `removed { from = module.grafana.kubernetes_daemonset.node_exporter lifecycle { destroy = false } }` and `import { to = module.grafana.kubernetes_daemon_set_v1.node_exporter id = "<namespace>/<name>" }` (Terraform >= 1.7)',
        },
      ],
    },
    {
      name: 'import id per kind: namespaced, default namespace, cluster-scoped, unknown parts',
      code: `resource "kubernetes_service" "grafana" {
  metadata {
    name      = "grafana"
    namespace = "monitoring"
  }
}

resource "kubernetes_config_map" "dashboards" {
  metadata {
    name = "dashboards"
  }
}

resource "kubernetes_namespace" "monitoring" {
  metadata {
    name = "monitoring"
  }
}

resource "kubernetes_secret" "tls" {
  metadata {
    name      = var.secret_name
    namespace = var.namespace
  }
}
`,
      expected: [
        {
          messageId: 'resource',
          line: 1,
          column: 10,
          message:
            'kubernetes_service is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_service_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_service.grafana lifecycle { destroy = false } }` and `import { to = kubernetes_service_v1.grafana id = "monitoring/grafana" }`',
        },
        {
          messageId: 'resource',
          line: 8,
          column: 10,
          message:
            'kubernetes_config_map is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_config_map_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_config_map.dashboards lifecycle { destroy = false } }` and `import { to = kubernetes_config_map_v1.dashboards id = "default/dashboards" }`',
        },
        {
          messageId: 'resource',
          line: 14,
          column: 10,
          message:
            'kubernetes_namespace is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_namespace_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_namespace.monitoring lifecycle { destroy = false } }` and `import { to = kubernetes_namespace_v1.monitoring id = "monitoring" }`',
        },
        {
          messageId: 'resource',
          line: 20,
          column: 10,
          message:
            'kubernetes_secret is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_secret_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_secret.tls lifecycle { destroy = false } }` and `import { to = kubernetes_secret_v1.tls id = "<namespace>/<name>" }`',
        },
      ],
    },
    {
      name: 'unversioned deployment',
      code: `resource "kubernetes_deployment" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
      // Not the whole repository: the root module that would keep the object is not known.
      output: null,
      expected: [
        {
          messageId: 'resource',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 33,
          message:
            'kubernetes_deployment is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_deployment_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_deployment.grafana lifecycle { destroy = false } }` and `import { to = kubernetes_deployment_v1.grafana id = "default/grafana" }`',
        },
      ],
    },
    {
      name: 'unversioned data source',
      code: `data "kubernetes_secret" "tls" {
  metadata {
    name = "wildcard-brmartin-tls"
  }
}
`,
      output: `data "kubernetes_secret_v1" "tls" {
  metadata {
    name = "wildcard-brmartin-tls"
  }
}
`,
      parsed: ['-data.kubernetes_secret', '+data.kubernetes_secret_v1'],
      expected: [
        {
          messageId: 'data',
          line: 1,
          column: 6,
          message:
            'Data source kubernetes_secret is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use kubernetes_secret_v1 (and update the references to data.kubernetes_secret.tls)',
        },
      ],
    },
    {
      name: 'daemonset and autoscaler successors',
      code: `resource "kubernetes_daemonset" "node_exporter" {
  metadata {
    name = "node-exporter"
  }
}

resource "kubernetes_horizontal_pod_autoscaler" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
      expected: [
        {
          messageId: 'resource',
          line: 1,
          column: 10,
          message:
            'kubernetes_daemonset is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_daemon_set_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_daemonset.node_exporter lifecycle { destroy = false } }` and `import { to = kubernetes_daemon_set_v1.node_exporter id = "default/node-exporter" }`',
        },
        {
          messageId: 'resource',
          line: 7,
          column: 10,
          message:
            'kubernetes_horizontal_pod_autoscaler is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_horizontal_pod_autoscaler_v2. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_horizontal_pod_autoscaler.grafana lifecycle { destroy = false } }` and `import { to = kubernetes_horizontal_pod_autoscaler_v2.grafana id = "default/grafana" }`',
        },
      ],
    },
    {
      name: 'several files, count and for_each',
      files: {
        'main.tf': `resource "kubernetes_config_map" "dashboard" {
  for_each = toset(["nodes", "pods"])

  metadata {
    name = each.key
  }
}

resource "kubernetes_deployment_v1" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
        'rbac.tf': `resource "kubernetes_service_account" "grafana" {
  count = 1

  metadata {
    name = "grafana"
  }
}

resource "kubernetes_cluster_role_binding" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
      },
      expected: [
        {
          messageId: 'resource',
          file: 'main.tf',
          line: 1,
          column: 10,
          message:
            'kubernetes_config_map is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_config_map_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_config_map.dashboard lifecycle { destroy = false } }` and `import { to = kubernetes_config_map_v1.dashboard id = "default/<name>" }`, one import per instance (`to = kubernetes_config_map_v1.dashboard[<key>]`, or `for_each` on the import block)',
        },
        {
          messageId: 'resource',
          file: 'rbac.tf',
          line: 1,
          column: 10,
          message:
            'kubernetes_service_account is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_service_account_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_service_account.grafana lifecycle { destroy = false } }` and `import { to = kubernetes_service_account_v1.grafana id = "default/grafana" }`, one import per instance (`to = kubernetes_service_account_v1.grafana[<key>]`, or `for_each` on the import block)',
        },
        {
          messageId: 'resource',
          file: 'rbac.tf',
          line: 9,
          column: 10,
          message:
            'kubernetes_cluster_role_binding is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to kubernetes_cluster_role_binding_v1. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = kubernetes_cluster_role_binding.grafana lifecycle { destroy = false } }` and `import { to = kubernetes_cluster_role_binding_v1.grafana id = "grafana" }`',
        },
      ],
    },
    {
      name: 'unversioned cron job and ingress',
      code: `resource "kubernetes_cron_job" "backup" {
  metadata {
    name = "backup"
  }
}

resource "kubernetes_ingress" "grafana" {
  metadata {
    name = "grafana"
  }
}
`,
      expected: [
        { messageId: 'resource', line: 1, column: 10 },
        { messageId: 'resource', line: 7, column: 10 },
      ],
    },
  ],
});

describe('terraform/deprecated-resource fix: import ids', () => {
  test('are written in the format the generator writes for adoption', async () => {
    const code = `provider "kubernetes" {}

resource "kubernetes_service" "web" {
  metadata {
    name      = "web"
    namespace = "apps"
  }
}

resource "kubernetes_cluster_role" "reader" {
  metadata {
    name = "reader"
  }
}

resource "kubernetes_namespace" "apps" {
  metadata {
    name = "apps"
  }
}
`;
    const config = resolveConfig({}, { file: null, rules: [rule] });
    const main = path.join(VIRTUAL_ROOT, 'main.tf');
    const run = await fixFiles(new Map([[main, code]]), { cwd: VIRTUAL_ROOT, config, wholeRepository: true });
    const ids = [...(run.texts.get(main) ?? '').matchAll(/^ {2}id = "(.*)"$/gm)].map((m) => m[1]);
    expect(ids).toEqual([
      importId('kubernetes_service_v1', { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'apps' }),
      importId('kubernetes_cluster_role_v1', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'reader' }),
      importId('kubernetes_namespace_v1', { apiVersion: 'v1', kind: 'Namespace', name: 'apps' }),
    ]);
  });
});
