import rule from '../../../src/lint/rules/images/pull-secret';
import { testRule } from '../../support/rule-tester';
import { container, deployment, workload } from './_fixtures';

const PRIVATE = '"registry.brmartin.co.uk/infra/backup:1.4.0"';
const secrets = (...names: string[]): string =>
  names.map((name) => `        image_pull_secrets {\n          name = "${name}"\n        }\n`).join('');

const externalSecret = (target: string): string => `resource "kubectl_manifest" "pull_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata   = { name = "pull-secret", namespace = var.namespace }
    spec = {
      secretStoreRef = { name = "vault-backend", kind = "ClusterSecretStore" }
      target         = { name = "${target}", template = { type = "kubernetes.io/dockerconfigjson" } }
      data           = [{ secretKey = ".dockerconfigjson", remoteRef = { key = "nomad/default/registry", property = "config" } }]
    }
  })
}

`;

const serviceAccount = (body: string): string => `resource "kubernetes_service_account_v1" "backup" {
  metadata {
    name = "backup"
  }
${body}}

`;

testRule(rule, {
  valid: [
    { name: 'private image with the configured secret', code: deployment(container('backup', PRIVATE) + secrets('gitlab-registry')) },
    {
      name: 'Docker Hub and other public registries need none',
      code: deployment(container('web', '"nginx:1.27"') + container('tool', '"ghcr.io/example/tool:2.0"')),
    },
    { name: 'registry host from a variable stays unknown', code: deployment(container('backup', '"${var.registry}/infra/backup:1.4.0"')) },
    {
      name: 'service account declared outside the module may carry the secret',
      code: deployment('        service_account_name = "builder"\n' + container('backup', PRIVATE)),
    },
    {
      name: 'service account of the module carries the secret',
      code:
        serviceAccount('\n  image_pull_secret {\n    name = "gitlab-registry"\n  }\n') +
        deployment('        service_account_name = kubernetes_service_account_v1.backup.metadata[0].name\n' + container('backup', PRIVATE)),
    },
    {
      name: 'pull secrets from a dynamic block',
      code: deployment(
        container('backup', PRIVATE) +
          '        dynamic "image_pull_secrets" {\n          for_each = var.pull_secrets\n          content {\n            name = image_pull_secrets.value\n          }\n        }\n',
      ),
    },
    {
      name: 'another secret that an ExternalSecret of the module writes',
      code: externalSecret('backup-registry') + deployment(container('backup', PRIVATE) + secrets('backup-registry')),
    },
    {
      name: 'another secret that an unversioned kubernetes_secret creates',
      code: `resource "kubernetes_secret" "registry" {\n  metadata {\n    name = "registry-credentials"\n  }\n  type = "kubernetes.io/dockerconfigjson"\n}\n\n${deployment(container('backup', PRIVATE) + secrets('registry-credentials'))}`,
    },
    { name: 'no private registry configured', code: deployment(container('backup', PRIVATE)), constitution: { privateRegistries: [] } },
    {
      name: 'secret name from a reference cannot be read',
      code: deployment(
        container('backup', PRIVATE) +
          '        image_pull_secrets {\n          name = kubernetes_secret_v1.registry.metadata[0].name\n        }\n',
      ),
    },
    {
      name: 'configured secret among others',
      code: deployment(container('backup', PRIVATE) + secrets('old-credentials', 'gitlab-registry')),
    },
  ],
  invalid: [
    {
      name: 'private image without pull secrets, unversioned Deployment',
      code: workload('kubernetes_deployment', 'backup', container('backup', PRIVATE)),
      expected: [
        {
          messageId: 'missing',
          line: 15,
          column: 11,
          message:
            'Image "registry.brmartin.co.uk/infra/backup:1.4.0" comes from the private registry registry.brmartin.co.uk, and the pod has no `image_pull_secrets`: the kubelet cannot pull it (ErrImagePull): add `image_pull_secrets { name = "gitlab-registry" }` to the pod spec',
        },
      ],
    },
    {
      name: 'host written out, name and tag unknown',
      code: deployment(container('backup', '"registry.brmartin.co.uk/infra/${var.name}:${var.image_tag}"')),
      expected: [{ messageId: 'missing', line: 15, column: 11 }],
    },
    {
      name: 'registry on another port, init container of a second workload',
      code:
        deployment(container('web', '"nginx:1.27"'), 'web') +
        '\n' +
        deployment(
          container('migrate', '"registry.brmartin.co.uk:5050/app/migrate:3"', '', 'init_container') + container('app', '"nginx:1.27"'),
          'app',
        ),
      expected: [{ messageId: 'missing', line: 36, column: 11 }],
    },
    {
      name: 'image through a variable default, in a CronJob',
      code: `variable "image" {\n  type    = string\n  default = "registry.brmartin.co.uk/infra/backup:1.4.0"\n}\n\n${workload('kubernetes_cron_job_v1', 'backup', container('backup', 'var.image'))}`,
      expected: [
        {
          messageId: 'missing',
          line: 21,
          column: 15,
          message:
            'Image "registry.brmartin.co.uk/infra/backup:1.4.0" comes from the private registry registry.brmartin.co.uk, and the pod has no `image_pull_secrets`: the kubelet cannot pull it (ErrImagePull): add `image_pull_secrets { name = "gitlab-registry" }` to the pod spec',
        },
      ],
    },
    {
      name: 'service account of the module without pull secrets',
      code: serviceAccount('') + deployment('        service_account_name = "backup"\n' + container('backup', PRIVATE)),
      expected: [{ messageId: 'missing', line: 22, column: 11 }],
    },
    {
      name: 'a pull secret nothing in the module creates',
      code: deployment(container('backup', PRIVATE) + secrets('regcred')),
      expected: [
        {
          messageId: 'unmanaged',
          line: 18,
          column: 11,
          message:
            'Pull secret "regcred" is not the secret of registry.brmartin.co.uk ("gitlab-registry"), and no Secret or ExternalSecret of this module creates it: use `name = "gitlab-registry"`, or create "regcred" in this module',
        },
      ],
    },
    {
      name: 'registry configured in the constitution',
      code: deployment(container('app', '"git.example.org:5050/group/app:2.1"')),
      constitution: { privateRegistries: [{ host: 'git.example.org:5050', pullSecret: 'regcred' }] },
      expected: [{ messageId: 'missing', line: 15, column: 11 }],
    },
  ],
});
