import { attrValue } from '../../../terraform/k8s/blocks';
import { imageReference } from '../../../terraform/k8s/images';
import { containers, workloads } from '../../../terraform/k8s/workloads';
import { addToBody, fileOf, replaceValue } from '../../../terraform/edits';
import { createRule, fixOf } from '../../rule';
import type { Attribute, Block, TfModule } from '../../../terraform/types';
import type { Fix } from '../../types';

const ALWAYS = '"Always"';
/** A policy written as a literal: one from a variable is the caller's to change. */
const LITERAL = /^\s*("IfNotPresent"|null)\s*$/;

/** Set the container's policy to `Always`: add it below the image, or replace a literal `IfNotPresent` or `null`. */
function policyFix(module: TfModule, container: Block, image: Attribute): Fix | undefined {
  const file = fileOf(module, container.file);
  if (!file) return undefined;
  const written = container.attributes['image_pull_policy'];
  if (!written) return fixOf(addToBody(file, container, [`image_pull_policy = ${ALWAYS}`], { after: image }));
  return LITERAL.test(written.exprText) ? fixOf(replaceValue(file, written, ALWAYS)) : undefined;
}

/**
 * A moving tag (`latest`, or none) is only re-pulled with `image_pull_policy =
 * "Always"`. Kubernetes fills in `Always` for such an image only when it creates
 * the container with no policy; the provider keeps the policy it read back in
 * its state and sends it on every update, so a workload created with a pinned
 * tag and later moved to `latest` keeps `IfNotPresent`, as does one that writes
 * `IfNotPresent` itself.
 */
export default createRule({
  id: 'images/latest-pull-policy',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'An image tagged `latest` (or not tagged) sets `image_pull_policy = "Always"`',
  messages: {
    noPolicy:
      'Image "{{image}}" {{tag}}, and the container sets no `image_pull_policy`: the policy stays whatever the provider last read (IfNotPresent once the tag was pinned), so the node never pulls a newer image: pin a version tag (Renovate bumps it), or set `image_pull_policy = "Always"`',
    ifNotPresent:
      'Image "{{image}}" {{tag}}, but `image_pull_policy = "IfNotPresent"` keeps the first copy a node pulled forever: pin a version tag (Renovate bumps it), or set `image_pull_policy = "Always"`',
  },
  check({ module, report }) {
    for (const workload of workloads(module)) {
      for (const container of containers(workload)) {
        const image = container.block.attributes['image'];
        const value = image?.value();
        if (!image || value?.kind !== 'string') continue;
        const reference = imageReference(value.value);
        if (reference.digest !== undefined || (reference.tag !== undefined && reference.tag !== 'latest')) continue;
        const policy = attrValue(container.block, 'image_pull_policy');
        const data = { image: value.value, tag: reference.tag === undefined ? 'has no tag, so it is `latest`' : 'is tagged `latest`' };
        const address = workload.resource.address;
        const fix = policyFix(module, container.block, image);
        if (policy === undefined || policy.kind === 'null') {
          report({ messageId: 'noPolicy', data, range: image.range, address, fix });
        } else if (policy.kind === 'string' && policy.value === 'IfNotPresent') {
          report({ messageId: 'ifNotPresent', data, range: image.range, address, fix });
        }
      }
    }
  },
});
