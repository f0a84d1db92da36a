import type { Constitution } from '../../constitution';
import { attr, attrString, attrValue, blocksOf, metadataName, resolveResource, resourcesOf } from '../../../terraform/k8s/blocks';
import { imageHostOf } from '../../../terraform/k8s/images';
import { externalSecretTargets } from '../../../terraform/k8s/manifests';
import { containers, workloads, type Workload } from '../../../terraform/k8s/workloads';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, Block, TfModule } from '../../../terraform/types';
import { createRule } from '../../rule';

type Registry = Constitution['privateRegistries'][number];

/** The configured private registry an image host belongs to: the same host, or the same host on another port when none is configured. */
function registryOf(registries: readonly Registry[], host: string): Registry | undefined {
  const bare = host.replace(/:\d+$/, '');
  return registries.find((registry) => {
    const wanted = registry.host.toLowerCase();
    return wanted === host || (!wanted.includes(':') && wanted === bare);
  });
}

interface PullSecrets {
  /** Pull secrets whose names are known, with where each is written. */
  named: Array<{ name: string; range: Range }>;
  /** False when a pull secret may come from where its name cannot be read. */
  complete: boolean;
}

/** `image_pull_secrets` (pod) and `image_pull_secret` (service account) blocks: known names, or incomplete. */
function namesOf(blocks: Block[], out: PullSecrets): void {
  for (const block of blocks) {
    const name = attrString(block, 'name');
    const attribute = attr(block, 'name');
    if (block.dynamic || name === undefined || attribute === undefined) out.complete = false;
    else out.named.push({ name, range: attribute.range });
  }
}

/** The pull secrets a pod gets: its own, and those of its service account when the module declares it. */
function pullSecrets(module: TfModule, workload: Workload): PullSecrets {
  const out: PullSecrets = { named: [], complete: true };
  namesOf(blocksOf(workload.podSpec, 'image_pull_secrets'), out);
  const account = attrValue(workload.podSpec, 'service_account_name');
  if (account !== undefined && account.kind !== 'null') {
    const declared = resolveResource(module, account, resourcesOf(module, 'kubernetes_service_account'));
    // An account declared elsewhere may carry pull secrets of its own.
    if (declared === undefined) out.complete = false;
    else namesOf(blocksOf(declared.block, 'image_pull_secret'), out);
  }
  return out;
}

/** The image as the message shows it: its value, or the expression when the value is not known. */
function imageText(image: Attribute): string {
  const value = image.value();
  return value.kind === 'string' ? `"${value.value}"` : image.exprText.trim();
}

/** Names of the Secrets the module creates: `kubernetes_secret` resources and ExternalSecret targets. */
function createdSecrets(module: TfModule): Set<string> {
  const names = resourcesOf(module, 'kubernetes_secret')
    .filter((resource) => resource.mode === 'resource')
    .map((resource) => metadataName(resource));
  return new Set([...names.filter((name): name is string => name !== undefined), ...externalSecretTargets(module).map((t) => t.name)]);
}

export default createRule({
  id: 'images/pull-secret',
  defaultSeverity: 'error',
  summary: 'Pods running images from a private registry (constitution `privateRegistries`) carry its pull secret',
  messages: {
    missing:
      'Image {{image}} comes from the private registry {{host}}, and the pod has no `image_pull_secrets`: the kubelet cannot pull it (ErrImagePull): add `image_pull_secrets { name = "{{secret}}" }` to the pod spec',
    unmanaged:
      'Pull secret "{{name}}" is not the secret of {{host}} ("{{secret}}"), and no Secret or ExternalSecret of this module creates it: use `name = "{{secret}}"`, or create "{{name}}" in this module',
  },
  check({ module, constitution, report }) {
    if (constitution.privateRegistries.length === 0) return;
    let created: Set<string> | undefined;
    for (const workload of workloads(module)) {
      let secrets: PullSecrets | undefined;
      const reported = new Set<string>();
      const address = workload.resource.address;
      for (const container of containers(workload)) {
        const image = attr(container.block, 'image');
        const host = image && imageHostOf(image)?.host;
        const registry = host === undefined ? undefined : registryOf(constitution.privateRegistries, host);
        if (!image || host === undefined || !registry) continue;
        secrets ??= pullSecrets(module, workload);
        const data = { host, secret: registry.pullSecret };
        if (secrets.named.length === 0) {
          if (secrets.complete) report({ messageId: 'missing', data: { ...data, image: imageText(image) }, range: image.range, address });
          continue;
        }
        if (!secrets.complete || secrets.named.some((s) => s.name === registry.pullSecret)) continue;
        created ??= createdSecrets(module);
        for (const secret of secrets.named) {
          if (created.has(secret.name) || reported.has(secret.name)) continue;
          reported.add(secret.name);
          report({ messageId: 'unmanaged', data: { ...data, name: secret.name }, range: secret.range, address });
        }
      }
    }
  },
});
