import { createRule } from '../../rule';
import { claimNames, claims, classOf, type Claim } from '../../../terraform/k8s/storage';

const ID = 'storage/persistent-class';

/** How the claim is named in messages: its metadata name, else the resource address. */
function claimLabel(claim: Claim): string {
  return claim.name ?? claim.resource.address;
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary: 'Persistent volume claims use the persistent storage class, unless an exception says why not',
  messages: {
    otherClass:
      'Claim "{{claim}}" uses storage class "{{class}}", not the persistent class "{{persistent}}": set `storage_class_name = "{{persistent}}"`, or add a constitution exception for {{rule}} with a reason',
    defaultClass:
      'Claim "{{claim}}" has no `storage_class_name`, so the cluster default class decides where its data lives: set `storage_class_name = "{{persistent}}"` explicitly',
  },
  check({ module, constitution, report }) {
    const persistent = constitution.persistentClass;
    for (const claim of claims(module)) {
      const cls = classOf(claim.spec);
      const data = { claim: claimLabel(claim), persistent, rule: ID };
      const address = claim.resource.address;
      if (cls.kind === 'default') {
        report({
          messageId: 'defaultClass',
          data,
          range: (claim.spec ?? claim.block).headerRange,
          address,
          subjects: claimNames(module, claim),
        });
      } else if (cls.kind === 'known' && cls.name !== persistent) {
        report({
          messageId: 'otherClass',
          data: { ...data, class: cls.name },
          range: cls.attribute.range,
          address,
          subjects: claimNames(module, claim),
          storageClass: cls.name,
        });
      }
    }
  },
});
