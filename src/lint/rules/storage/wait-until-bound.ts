import { createRule, fixOf } from '../../rule';
import { claimNames, claims, classOf, storageClass } from '../../../terraform/k8s/storage';
import { addToBody, fileOf, replaceValue } from '../../../terraform/edits';

/** A value written as a literal: a value from elsewhere (a variable's default) is the caller's to change. */
const LITERAL = /^\s*(true|null)\s*$/;

const ID = 'storage/wait-until-bound';

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  fixable: true,
  summary: 'Claims on a WaitForFirstConsumer class set `wait_until_bound = false`',
  messages: {
    missing:
      'Claim "{{claim}}" is on class "{{class}}", which binds only when a pod uses it, so `terraform apply` waits forever: add `wait_until_bound = false`',
    waits:
      'Claim "{{claim}}" is on class "{{class}}", which binds only when a pod uses it, so `terraform apply` waits forever: set `wait_until_bound = false`',
  },
  check({ module, constitution, report }) {
    // Claim templates of StatefulSets are bound by the controller, not waited on by Terraform.
    for (const claim of claims(module).filter((c) => !c.template)) {
      const cls = classOf(claim.spec);
      if (cls.kind !== 'known' || storageClass(constitution, cls.name)?.bindingMode !== 'WaitForFirstConsumer') continue;
      const exception = { subjects: claimNames(module, claim), storageClass: cls.name };
      const attribute = claim.block.attributes['wait_until_bound'];
      const data = { claim: claim.name ?? claim.resource.address, class: cls.name };
      const address = claim.resource.address;
      const file = fileOf(module, claim.block.file);
      if (!attribute) {
        const fix = fixOf(file && addToBody(file, claim.block, ['wait_until_bound = false'], 'end'));
        report({ messageId: 'missing', data, range: claim.block.headerRange, address, ...exception, fix });
        continue;
      }
      const value = attribute.value();
      // `true` (the provider's default) waits; `null` means the default too.
      if ((value.kind === 'bool' && value.value) || value.kind === 'null') {
        const fix = file && LITERAL.test(attribute.exprText) ? fixOf(replaceValue(file, attribute, 'false')) : undefined;
        report({ messageId: 'waits', data, range: attribute.range, address, ...exception, fix });
      }
    }
  },
});
