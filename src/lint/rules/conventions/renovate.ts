import { attr } from '../../../terraform/k8s/blocks';
import { imageName, imageNameOf } from '../../../terraform/k8s/images';
import { containers, workloads } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';
import type { Attribute, TfModule, Variable } from '../../../terraform/types';
import { normaliseImage } from '../../../terraform/k8s/images';

/**
 * Renovate bumps image versions only where a `# renovate:` comment tells it
 * which image a default belongs to; a tag variable without one silently stops
 * receiving updates.
 */

/** Variable names that hold an image version by convention. */
const TAG_NAME = /(^|_)tag$|(^|_)image_version$/;
const RENOVATE = /^renovate:\s*(.*)$/;
const DATASOURCE = /(?:^|\s)datasource=(\S+)/;
const DEP_NAME = /(?:^|\s)depName=(\S+)/;
/** `"name:${var.x}"`: the variable sets the tag. */
const TAG_VARIABLE = /:\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}/g;
/** `var.x` as the whole expression. */
const WHOLE_VARIABLE = /^var\.([A-Za-z_][\w-]*)$/;

export default createRule({
  id: 'conventions/renovate',
  defaultSeverity: 'info',
  summary: 'Image tag variables carry a `# renovate:` comment above their default',
  messages: {
    missing:
      'Variable "{{variable}}" holds an image version that Renovate cannot see: add `# renovate: datasource=docker depName={{image}}` on the line above its default',
    wrongImage: 'The renovate comment of variable "{{variable}}" names {{depName}}, but the variable tags {{image}}: set depName={{image}}',
  },
  check(context) {
    const images = imagesByVariable(context.module);
    for (const variable of context.module.variables) {
      const defaultValue = attr(variable.block, 'default');
      if (!defaultValue || defaultValue.value().kind !== 'string') continue;
      const image = images.get(variable.name);
      if (image === undefined && !TAG_NAME.test(variable.name)) continue;
      const comment = renovateComment(variable);
      const range = defaultValue.range;
      if (comment === undefined) {
        context.report({ messageId: 'missing', data: { variable: variable.name, image: image ?? '<image>' }, range });
      } else if (image !== undefined && image !== '' && !sameImage(comment, image)) {
        context.report({
          messageId: 'wrongImage',
          data: { variable: variable.name, depName: comment.depName ?? 'no image', image },
          range,
        });
      }
    }
  },
});

interface RenovateComment {
  datasource: string | undefined;
  depName: string | undefined;
}

function renovateComment(variable: Variable): RenovateComment | undefined {
  for (const comment of [...variable.defaultComments, ...variable.block.leadingComments]) {
    const body = RENOVATE.exec(comment.text.trim())?.[1];
    if (body === undefined) continue;
    return { datasource: DATASOURCE.exec(body)?.[1], depName: DEP_NAME.exec(body)?.[1] };
  }
  return undefined;
}

function sameImage(comment: RenovateComment, image: string): boolean {
  return comment.datasource === 'docker' && comment.depName !== undefined && normaliseImage(comment.depName) === normaliseImage(image);
}

/**
 * Variables that supply the tag of a container image, with that image's name
 * ('' when the name is not known): `"name:${var.x}"` or `image = var.x` whose
 * default carries a tag.
 */
function imagesByVariable(module: TfModule): Map<string, string> {
  const out = new Map<string, string>();
  for (const workload of workloads(module)) {
    for (const container of containers(workload)) {
      const image = attr(container.block, 'image');
      if (image) for (const [name, value] of tagVariables(module, image)) if (!out.get(name)) out.set(name, value);
    }
  }
  return out;
}

function tagVariables(module: TfModule, image: Attribute): Array<[string, string]> {
  const name = imageNameOf(image)?.written ?? '';
  const inTag = [...image.exprText.matchAll(TAG_VARIABLE)].map((m): [string, string] => [m[1] ?? '', name]);
  const whole = WHOLE_VARIABLE.exec(image.exprText.trim())?.[1];
  const variable = whole === undefined ? undefined : module.variables.find((v) => v.name === whole);
  const value = variable && attr(variable.block, 'default')?.value();
  // A default with a tag or digest: the variable holds the whole reference, its version included.
  const written = value?.kind === 'string' ? imageName(value.value).written : undefined;
  if (whole !== undefined && written !== undefined && value?.kind === 'string' && written !== value.value) inTag.push([whole, written]);
  return inTag;
}
