/**
 * A minimal valid `kubernetes_deployment_v1` for rule tests, with a hole for the
 * container's body (line 22 onwards) and one before the closing brace.
 */
export function deployment(container: string, extra = ''): string {
  return `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
  }

  spec {
    selector {
      match_labels = {
        app = "web"
      }
    }

    template {
      metadata {
        labels = {
          app = "web"
        }
      }

      spec {
        container {
${container}
        }
      }
    }
  }
${extra}}
`;
}
