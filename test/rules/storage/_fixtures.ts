/** HCL builders for the storage rule tables, in the target repository's style. */

export const claim = (
  resourceName: string,
  name: string,
  cls: string,
): string => `resource "kubernetes_persistent_volume_claim_v1" "${resourceName}" {
  metadata {
    name      = "${name}"
    namespace = var.namespace
  }

  spec {
    storage_class_name = "${cls}"
    access_modes       = ["ReadWriteMany"]

    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }

  wait_until_bound = false
}
`;

/** A Deployment whose pod spec holds the given container and volume blocks; they start on line 18. */
export const deployment = (podSpec: string): string => `resource "kubernetes_deployment_v1" "app" {
  metadata {
    name      = "app"
    namespace = var.namespace
  }

  spec {
    replicas = 1

    template {
      metadata {
        labels = {
          app = "app"
        }
      }

      spec {
${podSpec}      }
    }
  }
}
`;

/** A pod volume mounting a claim resource of the module by reference. */
export const claimVolume = (name: string, resourceName: string): string => `        volume {
          name = "${name}"

          persistent_volume_claim {
            claim_name = kubernetes_persistent_volume_claim_v1.${resourceName}.metadata[0].name
          }
        }
`;

export const emptyDirVolume = (name: string): string => `        volume {
          name = "${name}"

          empty_dir {
          }
        }
`;

export const hostPathVolume = (name: string, path: string): string => `        volume {
          name = "${name}"

          host_path {
            path = "${path}"
          }
        }
`;

export const mount = (name: string, path: string): string => `          volume_mount {
            name       = "${name}"
            mount_path = "${path}"
          }
`;
