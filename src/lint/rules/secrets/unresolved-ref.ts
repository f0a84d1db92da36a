import { attrValue, blocksOf, firstBlock } from '../../../terraform/k8s/blocks';
import { externalSecretTargets, type SecretTarget } from '../../../terraform/k8s/manifests';
import { podVolumes } from '../../../terraform/k8s/storage';
import { containers, workloads, type Workload } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';
import type { Attribute, Block } from '../../../terraform/types';
import { stringOf } from '../../../terraform/values';

export default createRule({
  id: 'secrets/unresolved-ref',
  defaultSeverity: 'error',
  summary: 'Secret keys read by containers exist in the ExternalSecret of the module that writes that Secret.',
  messages: {
    missingKey:
      'Secret "{{secret}}" has no key "{{key}}": the ExternalSecret provides {{provided}}; add a spec.data entry with secretKey "{{key}}" or fix the key',
  },
  check({ module, report }) {
    const targets = externalSecretTargets(module);
    if (targets.length === 0) return;
    for (const workload of workloads(module)) {
      for (const ref of secretKeyRefs(workload)) {
        const secret = stringOf(ref.name?.value());
        const key = stringOf(ref.key.value());
        if (secret === undefined || key === undefined) continue;
        const provided = keysOf(targets, secret);
        if (provided === undefined || provided.has(key)) continue;
        report({
          messageId: 'missingKey',
          data: { secret, key, provided: provided.size === 0 ? 'no keys' : [...provided].map((k) => `"${k}"`).join(', ') },
          range: ref.key.range,
          address: workload.resource.address,
        });
      }
    }
  },
});

/** Keys of the ExternalSecrets writing that Secret; undefined when none does or some keys are unknowable. */
function keysOf(targets: readonly SecretTarget[], secret: string): Set<string> | undefined {
  const writers = targets.filter((target) => target.name === secret);
  if (writers.length === 0 || writers.some((w) => w.keys === undefined)) return undefined;
  return new Set(writers.flatMap((w) => [...w.keys!]));
}

interface KeyRef {
  name: Attribute | undefined;
  key: Attribute;
}

/** `env.value_from.secret_key_ref` of every container, and `items` of secret volumes. */
function secretKeyRefs(workload: Workload): KeyRef[] {
  const out: KeyRef[] = [];
  for (const container of containers(workload)) {
    for (const env of blocksOf(container.block, 'env')) {
      const ref = firstBlock(env, 'value_from', 'secret_key_ref');
      const key = ref?.attributes['key'];
      if (key && !isOptional(ref)) out.push({ name: ref.attributes['name'], key });
    }
  }
  for (const volume of podVolumes(workload).values()) out.push(...volumeItems(volume));
  return out;
}

function volumeItems(volume: Block): KeyRef[] {
  const secret = firstBlock(volume, 'secret');
  if (!secret || isOptional(secret)) return [];
  return blocksOf(secret, 'items').flatMap((item) =>
    item.attributes['key'] ? [{ name: secret.attributes['secret_name'], key: item.attributes['key'] }] : [],
  );
}

/** `optional = true`: Kubernetes tolerates the missing key, so the reference is not broken. */
function isOptional(block: Block): boolean {
  const value = attrValue(block, 'optional');
  return value?.kind === 'bool' && value.value;
}
