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
      name: 'moved block from the old type',
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
`,
      },
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
            'kubernetes_deployment is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use kubernetes_deployment_v1, with `moved { from = kubernetes_deployment.grafana to = kubernetes_deployment_v1.grafana }` to keep the state',
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
            'kubernetes_daemonset is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use kubernetes_daemon_set_v1, with `moved { from = kubernetes_daemonset.node_exporter to = kubernetes_daemon_set_v1.node_exporter }` to keep the state',
        },
        {
          messageId: 'resource',
          line: 7,
          column: 10,
          message:
            'kubernetes_horizontal_pod_autoscaler is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use kubernetes_horizontal_pod_autoscaler_v2, with `moved { from = kubernetes_horizontal_pod_autoscaler.grafana to = kubernetes_horizontal_pod_autoscaler_v2.grafana }` to keep the state',
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
        { messageId: 'resource', file: 'main.tf', line: 1, column: 10 },
        { messageId: 'resource', file: 'rbac.tf', line: 1, column: 10 },
        { messageId: 'resource', file: 'rbac.tf', line: 9, column: 10 },
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
