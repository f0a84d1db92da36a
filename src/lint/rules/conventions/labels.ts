import { attr, firstBlock } from '../../../terraform/k8s/blocks';
import { manifests, type Manifest } from '../../../terraform/k8s/manifests';
import { workloads } from '../../../terraform/k8s/workloads';
import { createRule, type RuleContext } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, LEntry, LVal, Resource } from '../../../terraform/types';
import { dig, entryOf, keyIn, knownMap, valuesEqual, within } from '../../../terraform/values';

/**
 * Labels are how the cluster's objects are found, selected and cleaned up; the
 * constitution names the keys that identify a service. A workload whose
 * selector asks for labels its own pod template lacks is rejected at apply time.
 */

/** Provider resources that patch an existing object's fields rather than own an object. */
const PATCHERS = /^kubernetes_(labels|annotations|env|node_taint|.*_data)$/;

type Context = RuleContext<Record<string, never>>;

export default createRule({
  id: 'conventions/labels',
  defaultSeverity: 'warning',
  summary: 'Kubernetes objects carry the required labels; workload selectors match their pod template',
  messages: {
    missing: '{{object}} has no labels: add labels = local.labels (with one of {{required}}) to its metadata',
    noRequiredKey: 'The labels of {{object}} carry none of {{required}}: add one of them (e.g. app = local.app_name)',
    selectorNotInTemplate:
      'Selector label "{{key}}" of {{object}} is not on its pod template with the same value: add it to the template labels or remove it from match_labels',
  },
  check(context) {
    for (const resource of context.module.resources) checkResourceMetadata(context, resource);
    for (const manifest of manifests(context.module)) checkManifestMetadata(context, manifest);
    for (const workload of workloads(context.module)) {
      const selector = attr(firstBlock(workload.spec, 'selector'), 'match_labels');
      if (selector) checkSelector(context, workload.resource, selector, attr(workload.podMetadata, 'labels')?.value());
    }
    for (const manifest of manifests(context.module)) checkManifestSelector(context, manifest);
  },
});

function requiredList(context: Context): string {
  return context.constitution.labels.required.join(', ');
}

function checkResourceMetadata(context: Context, resource: Resource): void {
  if (resource.mode !== 'resource' || !resource.type.startsWith('kubernetes_') || PATCHERS.test(resource.canonicalType)) return;
  const metadata = firstBlock(resource.block, 'metadata');
  if (!metadata || metadata.dynamic) return;
  const labels = attr(metadata, 'labels');
  const object = resource.address;
  if (!labels) {
    context.report({
      messageId: 'missing',
      data: { object, required: requiredList(context) },
      range: metadata.headerRange,
      address: resource.address,
    });
    return;
  }
  checkRequiredKeys(context, labels.value(), labels.range, object, resource.address);
}

function checkManifestMetadata(context: Context, manifest: Manifest): void {
  const metadata = entryOf(manifest.body, 'metadata');
  if (!metadata || metadata.value.kind !== 'object') return;
  const labels = entryOf(metadata.value, 'labels');
  const object = `${manifest.kind ?? 'object'} ${manifest.resource.address}`;
  if (!labels) {
    context.report({
      messageId: 'missing',
      data: { object, required: requiredList(context) },
      range: metadata.keyRange,
      address: manifest.resource.address,
    });
    return;
  }
  checkRequiredKeys(context, labels.value, labels.keyRange, object, manifest.resource.address);
}

/** Keys of a known map are known even when some values are not; a partly known map may hold the key among its unknown ones. */
function checkRequiredKeys(context: Context, labels: LVal, range: Range, object: string, address: string): void {
  const map = knownMap(labels);
  if (!map) return;
  const required = context.constitution.labels.required;
  if (map.open || map.entries.some((e) => required.includes(e.key))) return;
  context.report({ messageId: 'noRequiredKey', data: { object, required: requiredList(context) }, range, address });
}

/** Each certain selector label must be on the template with an equal value; unknown labels and values are not judged. */
function checkSelector(context: Context, resource: Resource, selector: Attribute, template: LVal | undefined): void {
  for (const entry of knownMap(selector.value())?.entries ?? []) {
    if (!provablyMissing(entry, template)) continue;
    // A key written in the attribute itself (not in a local it refers to) is the precise place to point at.
    const range = within(entry.keyRange, selector.range) ? entry.keyRange : selector.range;
    context.report({
      messageId: 'selectorNotInTemplate',
      data: { key: entry.key, object: resource.address },
      range,
      address: resource.address,
    });
  }
}

function checkManifestSelector(context: Context, manifest: Manifest): void {
  const selector = dig(manifest.body, 'spec', 'selector', 'matchLabels');
  const templateMetadata = dig(manifest.body, 'spec', 'template', 'metadata');
  if (templateMetadata?.kind !== 'object') return;
  const template = entryOf(templateMetadata, 'labels')?.value;
  for (const entry of knownMap(selector)?.entries ?? []) {
    if (!provablyMissing(entry, template)) continue;
    const object = `${manifest.kind ?? 'object'} ${manifest.resource.address}`;
    context.report({
      messageId: 'selectorNotInTemplate',
      data: { key: entry.key, object },
      range: entry.keyRange,
      address: manifest.resource.address,
    });
  }
}

/** True when the template labels (undefined: none) certainly lack the selector label, or have it with another value. */
function provablyMissing(wanted: LEntry, template: LVal | undefined): boolean {
  if (template === undefined || template.kind === 'null') return true;
  const label = keyIn(template, wanted.key);
  if (label === 'undecided') return false;
  return label === 'absent' || valuesEqual(wanted.value, label.value) === false;
}
