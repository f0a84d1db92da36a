import { z } from 'zod';
import { attr, attrString, attrValue, blocksOf, firstBlock, metadataName } from '../../../terraform/k8s/blocks';
import { claimOfVolume, classOf, podVolumes, storageClass, type StorageFacts } from '../../../terraform/k8s/storage';
import { containers, resourceEntries, workloads, type Workload } from '../../../terraform/k8s/workloads';
import type { Range } from '../../../hcl/syntax';
import type { LVal, TfModule } from '../../../terraform/types';
import { stringsOf } from '../../../terraform/values';
import { addToBody, fileOf, removeFromBody, replaceValue } from '../../../terraform/edits';
import { createRule, fixOf } from '../../rule';
import type { Fix } from '../../types';

const optionsSchema = z
  .object({
    /**
     * How many of each exclusive thing the cluster has, by extended resource name
     * (`nvidia.com/gpu`), resource claim template name, or `hostPort` (the nodes a
     * host port can be held on). Anything not listed counts 1.
     */
    devices: z.record(z.string().min(1), z.number().int().positive()).default({}),
  })
  .strict()
  .default({ devices: {} });

/** Resource names that are not devices: the built-in ones and hugepages. */
const NOT_A_DEVICE = /^(cpu|memory|ephemeral-storage|storage|hugepages-.*|pods)$|^(requests|limits)\.|kubernetes\.io\//;

interface Holder {
  /** Says what the pod holds, for messages. */
  what: string;
  /** Key of the `devices` option; none for a claim, which is one volume. */
  key: string | undefined;
  /** How many one pod holds. */
  perPod: number;
  range: Range;
}

/** A whole number from a quantity written as a number or a plain numeric string. */
function wholeNumber(value: LVal): number | undefined {
  const text = value.kind === 'number' ? String(value.value) : value.kind === 'string' ? value.value : undefined;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Extended resources (`nvidia.com/gpu`) the pod holds: what its main containers
 * ask for added up, or the most one init container asks for if that is more.
 * Undefined when an amount cannot be read.
 */
function extendedResources(workload: Workload): Holder[] | undefined {
  const main = new Map<string, Holder>();
  const init = new Map<string, Holder>();
  for (const container of containers(workload)) {
    const limits = resourceEntries(container.block, 'limits');
    const requests = resourceEntries(container.block, 'requests');
    if (limits === undefined || requests === undefined) return undefined;
    // Requests and limits of an extended resource must be equal: the limit, else the request.
    const asked = new Map([...requests, ...limits]);
    for (const [name, entry] of asked) {
      if (!name.includes('/') || NOT_A_DEVICE.test(name)) continue;
      const amount = wholeNumber(entry.value);
      if (amount === undefined) return undefined;
      const into = container.init ? init : main;
      const seen = into.get(name);
      const perPod = container.init ? Math.max(seen?.perPod ?? 0, amount) : (seen?.perPod ?? 0) + amount;
      into.set(name, { what: `"${name}"`, key: name, perPod, range: seen?.range ?? entry.range });
    }
  }
  for (const [name, holder] of init) {
    const seen = main.get(name);
    if (!seen || holder.perPod > seen.perPod) main.set(name, seen ? { ...seen, perPod: holder.perPod } : holder);
  }
  return [...main.values()];
}

/** Host ports of the pod's containers. */
function hostPorts(workload: Workload): Holder[] {
  const out: Holder[] = [];
  for (const container of containers(workload)) {
    for (const port of blocksOf(container.block, 'port')) {
      const hostPort = attr(port, 'host_port');
      const value = hostPort?.value();
      if (hostPort && value?.kind === 'number' && value.value > 0)
        out.push({ what: `host port ${value.value}`, key: 'hostPort', perPod: 1, range: hostPort.range });
    }
  }
  return out;
}

/**
 * Claims only one pod can use at a time: `ReadWriteOncePod`, and `ReadWriteOnce`
 * unless the claim's class is NFS (nothing is attached to a node, so the mode
 * is not enforced) or node-local (the new pod lands on the same node).
 */
function exclusiveClaims(module: TfModule, facts: StorageFacts, workload: Workload): Holder[] {
  const out: Holder[] = [];
  for (const volume of podVolumes(workload).values()) {
    const claim = claimOfVolume(module, volume);
    if (!claim) continue;
    const spec = firstBlock(claim.block, 'spec');
    const modes = stringsOf(attrValue(spec, 'access_modes'));
    const cls = classOf(spec);
    const storage = cls.kind === 'known' ? storageClass(facts, cls.name) : undefined;
    const once = modes.includes('ReadWriteOnce') && !modes.includes('ReadWriteMany') && !(storage && (storage.nfs || !storage.network));
    if (!modes.includes('ReadWriteOncePod') && !once) continue;
    const range = attr(firstBlock(volume, 'persistent_volume_claim'), 'claim_name')?.range ?? volume.headerRange;
    const mode = modes.includes('ReadWriteOncePod') ? 'ReadWriteOncePod' : 'ReadWriteOnce';
    out.push({ what: `the ${mode} claim "${metadataName(claim) ?? claim.name}"`, key: undefined, perPod: 1, range });
  }
  return out;
}

/** Dynamic resource allocation: each pod gets its own claim from a template, so its device is its own. */
function claimTemplates(workload: Workload): Holder[] {
  const out: Holder[] = [];
  for (const block of blocksOf(workload.podSpec, 'resource_claims')) {
    const attribute = attr(block, 'resource_claim_template_name') ?? attr(firstBlock(block, 'source'), 'resource_claim_template_name');
    if (!attribute) continue;
    const template =
      attrString(block, 'resource_claim_template_name') ?? attrString(firstBlock(block, 'source'), 'resource_claim_template_name');
    const key = template ?? attribute.exprText;
    out.push({
      what: `a device claimed from the resource claim template "${template ?? attribute.exprText}"`,
      key,
      perPod: 1,
      range: attribute.range,
    });
  }
  return out;
}

/** True when the Deployment rolls out by surging: `RollingUpdate` (the default) with `max_surge` not 0. Undefined when unknown. */
function surges(workload: Workload): boolean | undefined {
  const strategy = firstBlock(workload.spec, 'strategy');
  if (!strategy) return true;
  if (strategy.dynamic) return undefined;
  const type = attrValue(strategy, 'type');
  if (type !== undefined && type.kind !== 'null') {
    if (type.kind !== 'string') return undefined;
    if (type.value !== 'RollingUpdate') return false;
  }
  const surge = attrValue(firstBlock(strategy, 'rolling_update'), 'max_surge');
  if (surge === undefined || surge.kind === 'null') return true;
  if (surge.kind === 'number') return surge.value > 0;
  if (surge.kind !== 'string') return undefined;
  return !/^0+%?$/.test(surge.value.trim());
}

/** `spec.replicas`, 1 when absent. */
function replicasOf(workload: Workload): number | undefined {
  const value = attrValue(workload.spec, 'replicas');
  if (value === undefined || value.kind === 'null') return 1;
  return value.kind === 'number' ? value.value : value.kind === 'string' && /^\d+$/.test(value.value) ? Number(value.value) : undefined;
}

/**
 * `strategy { type = "Recreate" }`: a new block before `template` (where the
 * generator writes it), or in the block there is, `type` set and the
 * `rolling_update` settings removed (Kubernetes refuses them with `Recreate`).
 */
function recreateFix(module: TfModule, workload: Workload): Fix | undefined {
  const spec = workload.spec;
  const file = spec && fileOf(module, spec.file);
  if (!spec || !file) return undefined;
  const strategy = firstBlock(spec, 'strategy');
  if (!strategy) {
    const template = firstBlock(spec, 'template');
    const item = ['strategy {', '  type = "Recreate"', '}'];
    return fixOf(addToBody(file, spec, item, template && !template.dynamic ? { before: template } : 'end'));
  }
  const type = attr(strategy, 'type');
  const setType = type ? replaceValue(file, type, RECREATE) : addToBody(file, strategy, [`type = ${RECREATE}`], 'end');
  return fixOf(setType, ...blocksOf(strategy, 'rolling_update').map((block) => removeFromBody(file, block)));
}

const RECREATE = '"Recreate"';

export default createRule({
  id: 'workloads/exclusive-device-strategy',
  defaultSeverity: 'error',
  fixable: true,
  summary:
    'A Deployment whose pods hold a device, a host port or a single-attach claim, all of which its replicas use, rolls out with `Recreate`',
  messages: {
    stuck:
      'Deployment "{{name}}" has {{replicas}} replica(s) holding {{what}}, which no more than {{pods}} pod(s) can hold at once, and rolls out with RollingUpdate: the new pod stays Pending while an old one holds it, and the rollout (and `terraform apply`) times out: set `strategy { type = "Recreate" }`',
  },
  options: optionsSchema,
  check({ module, constitution, options, report }) {
    for (const workload of workloads(module)) {
      if (workload.resource.canonicalType !== 'kubernetes_deployment') continue;
      const count = replicasOf(workload);
      if (count === undefined || count < 1 || surges(workload) !== true) continue;
      const holders = [
        ...(extendedResources(workload) ?? []),
        ...claimTemplates(workload),
        ...exclusiveClaims(module, constitution, workload),
        ...hostPorts(workload),
      ];
      const capacityOf = (holder: Holder): number => (holder.key === undefined ? 1 : (options.devices[holder.key] ?? 1));
      // Every replica fits, but one more (the surge pod) does not.
      const stuck = holders.find((h) => count * h.perPod <= capacityOf(h) && (count + 1) * h.perPod > capacityOf(h));
      if (!stuck) continue;
      const data = {
        name: metadataName(workload.resource) ?? workload.resource.address,
        replicas: count,
        what: stuck.what,
        pods: Math.floor(capacityOf(stuck) / stuck.perPod),
      };
      report({ messageId: 'stuck', data, range: stuck.range, address: workload.resource.address, fix: recreateFix(module, workload) });
    }
  },
});
