/**
 * What the linter reports: findings with their severity, and the ids of the
 * findings the engine reports itself. Loads nothing, so report formats and a
 * cached run stay light.
 */
import type { TextEdit } from '../hcl/edits';
import type { Range } from '../hcl/syntax';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Terraform address of the object concerned (`kubernetes_deployment_v1.grafana`), when there is one. */
  address?: string;
  /** Key of the rule's message template that produced `message`. */
  messageId?: string;
  /** Names a constitution exception may name to cover this finding (module folder, resource and object names, names the rule adds). */
  subjects?: string[];
  /** The storage class the finding is about, which an exception naming a class must match. */
  storageClass?: string;
  /** Edits that resolve the finding, applied by `lint --fix`. */
  fix?: Fix;
}

/**
 * What `lint --fix` writes for a finding: edits by offset, possibly in several
 * files of the module tree (a renamed resource, and the root module's blocks
 * that keep its object). Applied all together or not at all.
 */
export interface Fix {
  edits: TextEdit[];
}

/** Ids of the findings the engine reports itself (kept apart so report formats load nothing else). */
export const PARSE_ERROR = 'hcl/parse-error';
export const SUPPRESSION_UNUSED = 'suppression/unused';
export const SUPPRESSION_INVALID = 'suppression/invalid';
export const UNUSED_EXCEPTION = 'constitution/unused-exception';
