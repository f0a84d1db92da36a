import rule from '../../../src/lint/rules/terraform/deprecated-resource';
import { testRule } from '../../support/rule-tester';

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
