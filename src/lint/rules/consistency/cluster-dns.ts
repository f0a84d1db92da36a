import { createRule, type ReportDescriptor } from '../../rule';
import { descendants } from '../../../terraform/k8s/blocks';
import { CLUSTER_SERVICES, clusterServices } from '../../../terraform/k8s/cluster-services';
import { stringPlacerIn } from '../../../terraform/documents';
import { ownExpressions } from '../../../terraform/references';
import type { LVal, TfModule } from '../../../terraform/types';
import type { ModuleTree } from '../../../terraform/tree';
import { nearestFirst } from '../../../util/suggest';

/**
 * `<service>.<namespace>.svc` with an optional `.cluster.local`, alone or in a
 * URL or a config body; a pod's name (`web-0.web.ns.svc`) may come first. The
 * labels are DNS-1123: lower case letters, digits and inner hyphens.
 */
const CLUSTER_NAME = /(?<![\w-])((?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\.){2,})svc(?:\.cluster\.local)?(?![\w-]|\.[\w-])/g;

/** How many existing Services a message lists. */
const LISTED = 5;

type Report = (descriptor: ReportDescriptor<'unknown'>) => void;

/** Every known string of an attribute value; an encoded body is searched in its parts, which keep their positions. */
function strings(value: LVal, out: Array<Extract<LVal, { kind: 'string' }>>): void {
  switch (value.kind) {
    case 'string':
      if (value.encodedFrom) strings(value.encodedFrom, out);
      else out.push(value);
      return;
    case 'tuple':
      value.items.forEach((item) => strings(item, out));
      return;
    case 'object':
      value.entries.forEach((entry) => strings(entry.value, out));
      return;
    default:
      return;
  }
}

/** An in-cluster name written in the module: the string it is in, its place there, and the lines of its file. */
interface Mention {
  host: string;
  service: string;
  namespace: string;
  value: Extract<LVal, { kind: 'string' }>;
  start: number;
  lines: readonly string[] | undefined;
}

function mentionsIn(value: Extract<LVal, { kind: 'string' }>, module: TfModule, out: Mention[]): void {
  if (!value.value.includes('.svc')) return;
  let lines: readonly string[] | undefined;
  for (const match of value.value.matchAll(CLUSTER_NAME)) {
    const labels = (match[1] ?? '').slice(0, -1).split('.');
    lines ??= module.files.find((file) => file.path === value.range.file)?.lines;
    out.push({
      host: match[0],
      namespace: labels[labels.length - 1]!,
      service: labels[labels.length - 2]!,
      value,
      start: match.index,
      lines,
    });
  }
}

/** Judges the mentions once the tree's Services are known; holds the mentions, not the module. */
function judgeMentions(mentions: readonly Mention[], report: Report): (tree: ModuleTree) => void {
  return (tree) => {
    if (!tree.complete) return;
    const index = clusterServices(tree);
    if (index.anywhere) return;
    for (const { host, service, namespace, value, start, lines } of mentions) {
      const declared = index.byNamespace.get(namespace);
      // Only namespaces the tree fills with known Services are judged.
      if (!declared || declared.has(service) || index.open.has(namespace)) continue;
      const existing = nearestFirst(service, declared).slice(0, LISTED);
      report({
        messageId: 'unknown',
        data: { host, service, namespace, nearest: existing[0] ?? '', existing: existing.join(', ') },
        range: stringPlacerIn(value, lines)(start, start + host.length),
      });
    }
  };
}

/**
 * An in-cluster DNS name that names a Service no module of the linted tree
 * declares. Judged only when the whole repository is linted (the root module
 * and every local module it calls) and the namespace holds Services the tree
 * names; a namespace where a Helm release or an operator's resource may create
 * Services of its own, and any name the linter cannot compute, are left alone.
 */
export default createRule({
  id: 'consistency/cluster-dns',
  defaultSeverity: 'warning',
  summary: 'In-cluster DNS names (<service>.<namespace>.svc) name a Service some module of the tree declares',
  scope: 'tree',
  facts: [CLUSTER_SERVICES],
  messages: {
    unknown:
      '"{{host}}" names Service "{{service}}" in namespace "{{namespace}}", which no module of this repository declares: did you mean {{nearest}}? (Services in {{namespace}}: {{existing}})',
  },
  check(context) {
    const mentions: Mention[] = [];
    for (const top of context.module.blocks) {
      for (const block of descendants(top)) {
        for (const attribute of ownExpressions(block)) {
          // A name built elsewhere is checked where its text is written (a local, a default, a caller's argument).
          if (!attribute.exprText.includes('svc')) continue;
          const found: Array<Extract<LVal, { kind: 'string' }>> = [];
          strings(attribute.value(), found);
          for (const value of found) mentionsIn(value, context.module, mentions);
        }
      }
    }
    if (mentions.length > 0) context.onTree(judgeMentions(mentions, context.report));
  },
});
