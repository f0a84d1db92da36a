import { adoptionOf, describeUnadopted, importId } from '../../src/generate/adoption';
import type { GeneratedFile } from '../../src/generate/generate';
import type { ImportedFrom, Service } from '../../src/spec-api/schema';
import { kindOfType } from '../../src/terraform/objects';

/** Each kind the provider declares, as hand-written (unversioned type) and as generated (`_v1`). */
const KINDS: Array<{ kind: string; apiVersion: string; type: string; namespaced: boolean; id: string }> = [
  { kind: 'Deployment', apiVersion: 'apps/v1', type: 'kubernetes_deployment', namespaced: true, id: 'apps/web' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', type: 'kubernetes_stateful_set', namespaced: true, id: 'apps/web' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', type: 'kubernetes_daemon_set', namespaced: true, id: 'apps/web' },
  { kind: 'CronJob', apiVersion: 'batch/v1', type: 'kubernetes_cron_job', namespaced: true, id: 'apps/web' },
  { kind: 'Job', apiVersion: 'batch/v1', type: 'kubernetes_job', namespaced: true, id: 'apps/web' },
  { kind: 'Service', apiVersion: 'v1', type: 'kubernetes_service', namespaced: true, id: 'apps/web' },
  { kind: 'ConfigMap', apiVersion: 'v1', type: 'kubernetes_config_map', namespaced: true, id: 'apps/web' },
  { kind: 'Secret', apiVersion: 'v1', type: 'kubernetes_secret', namespaced: true, id: 'apps/web' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', type: 'kubernetes_persistent_volume_claim', namespaced: true, id: 'apps/web' },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', type: 'kubernetes_ingress', namespaced: true, id: 'apps/web' },
  { kind: 'ServiceAccount', apiVersion: 'v1', type: 'kubernetes_service_account', namespaced: true, id: 'apps/web' },
  { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', type: 'kubernetes_role', namespaced: true, id: 'apps/web' },
  { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', type: 'kubernetes_role_binding', namespaced: true, id: 'apps/web' },
  { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', type: 'kubernetes_cluster_role', namespaced: false, id: 'web' },
  {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    type: 'kubernetes_cluster_role_binding',
    namespaced: false,
    id: 'web',
  },
  { kind: 'Namespace', apiVersion: 'v1', type: 'kubernetes_namespace', namespaced: false, id: 'web' },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', type: 'kubernetes_storage_class', namespaced: false, id: 'web' },
];

function resourceText(type: string, name: string, namespaced: boolean): string {
  return `resource "${type}" "${name}" {\n  metadata {\n    name = "web"\n${namespaced ? '    namespace = "apps"\n' : ''}  }\n}\n`;
}

function service(resources: ImportedFrom['resources']): Service {
  return { name: 'web', importedFrom: { path: 'modules-k8s/web', module: 'web', resources } } as unknown as Service;
}

function generated(text: string): GeneratedFile[] {
  return [{ path: 'modules-k8s/web/main.tf', content: text, source: 'specs/web.ts', service: 'web' }];
}

describe('kinds of provider resource types', () => {
  it.each([
    ['kubernetes_daemonset', 'DaemonSet'],
    ['kubernetes_daemon_set_v1', 'DaemonSet'],
    ['kubernetes_persistent_volume_claim', 'PersistentVolumeClaim'],
    ['kubernetes_cron_job_v1', 'CronJob'],
    ['kubernetes_horizontal_pod_autoscaler_v2', 'HorizontalPodAutoscaler'],
    ['kubernetes_config_map_v1_data', undefined],
    ['kubernetes_labels', undefined],
    ['kubernetes_manifest', undefined],
    ['random_password', undefined],
  ])('%s -> %s', (type, kind) => {
    expect(kindOfType(type)).toBe(kind);
  });
});

describe('adoption blocks', () => {
  it.each(KINDS)(
    '$kind: a type change is removed (kept) + import with the id "$id"',
    async ({ kind, apiVersion, type, namespaced, id }) => {
      const object = { apiVersion, kind, name: 'web', ...(namespaced ? { namespace: 'apps' } : {}) };
      const adoption = await adoptionOf(service({ [`${type}.app`]: object }), generated(resourceText(`${type}_v1`, 'main', namespaced)));
      expect(adoption?.blocks).toEqual([{ kind: 'import', from: `module.web.${type}.app`, to: `module.k8s_web.${type}_v1.main`, id }]);
    },
  );

  it.each(KINDS)('$kind: the same type under a new name is moved', async ({ kind, apiVersion, type, namespaced }) => {
    const object = { apiVersion, kind, name: 'web', ...(namespaced ? { namespace: 'apps' } : {}) };
    const adoption = await adoptionOf(service({ [`${type}_v1.app`]: object }), generated(resourceText(`${type}_v1`, 'main', namespaced)));
    expect(adoption?.blocks).toEqual([{ kind: 'moved', from: `module.web.${type}_v1.app`, to: `module.k8s_web.${type}_v1.main` }]);
  });

  it('a typed resource that becomes a kubectl_manifest is imported with apiVersion//kind//name//namespace', async () => {
    const manifest = `resource "kubectl_manifest" "web_deployment" {\n  yaml_body = yamlencode({ apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "web", namespace = "apps" } })\n}\n`;
    const adoption = await adoptionOf(
      service({ 'kubernetes_deployment.app': { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' } }),
      generated(manifest),
    );
    expect(adoption?.blocks).toEqual([
      {
        kind: 'import',
        from: 'module.web.kubernetes_deployment.app',
        to: 'module.k8s_web.kubectl_manifest.web_deployment',
        id: 'apps/v1//Deployment//web//apps',
      },
    ]);
  });

  it('custom resources: namespaced and cluster-scoped kubectl_manifest ids; a manifest under the same name is only moved', async () => {
    expect(
      importId('kubectl_manifest', { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', name: 's', namespace: 'apps' }),
    ).toBe('external-secrets.io/v1beta1//ExternalSecret//s//apps');
    expect(importId('kubectl_manifest', { apiVersion: 'external-secrets.io/v1beta1', kind: 'ClusterSecretStore', name: 'vault' })).toBe(
      'external-secrets.io/v1beta1//ClusterSecretStore//vault',
    );
    const route = `resource "kubectl_manifest" "route" {\n  yaml_body = <<-YAML\n    apiVersion: traefik.io/v1alpha1\n    kind: IngressRoute\n    metadata:\n      name: web\n      namespace: apps\n  YAML\n}\n`;
    const adoption = await adoptionOf(
      service({ 'kubectl_manifest.route': { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', name: 'web', namespace: 'apps' } }),
      generated(route),
    );
    expect(adoption?.blocks).toEqual([
      { kind: 'moved', from: 'module.web.kubectl_manifest.route', to: 'module.k8s_web.kubectl_manifest.route' },
    ]);
  });

  it('a recorded object no generated resource declares is reported, never silently destroyed', async () => {
    const adoption = await adoptionOf(
      service({ 'kubernetes_config_map.gone': { apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', namespace: 'apps' } }),
      generated(resourceText('kubernetes_config_map_v1', 'main', true)),
    );
    expect(adoption?.blocks).toEqual([]);
    expect(describeUnadopted([adoption!])).toBe(
      'gen-modules: warning: web: importedFrom.resources["kubernetes_config_map.gone"] matches no generated object; Terraform would destroy it\n',
    );
  });

  it('no record, no adoption', async () => {
    expect(await adoptionOf({ name: 'web' } as unknown as Service, generated(''))).toBeUndefined();
  });
});
