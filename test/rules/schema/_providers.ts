/** `required_providers` for helm (and kubectl from alekc) with the given constraints. */
export function versions(helm: string | undefined, kubectl = '~> 2.1'): string {
  const helmEntry = helm === undefined ? '' : `    helm = {\n      source  = "hashicorp/helm"\n      version = "${helm}"\n    }\n`;
  return `terraform {
  required_providers {
${helmEntry}    kubectl = {
      source  = "alekc/kubectl"
      version = "${kubectl}"
    }
  }
}
`;
}

/** A helm_release whose body is `body`. */
export function release(body: string): string {
  return `
resource "helm_release" "redis" {
  name       = "redis"
  chart      = "redis"
  repository = "oci://registry-1.docker.io/bitnamicharts"
  namespace  = "cache"
${body}}
`;
}

/** A kubectl_manifest whose extra arguments are `body`. */
export function manifest(body: string): string {
  return `
resource "kubectl_manifest" "namespace" {
  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "Namespace"
    metadata   = { name = "cache" }
  })
${body}}
`;
}
