/**
 * What the linter reports: findings with their severity, and the ids of the
 * findings the engine reports itself. Loads nothing, so report formats and a
 * cached run stay light.
 */
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
}

/** Ids of the findings the engine reports itself (kept apart so report formats load nothing else). */
export const PARSE_ERROR = 'hcl/parse-error';
export const SUPPRESSION_UNUSED = 'suppression/unused';
export const SUPPRESSION_INVALID = 'suppression/invalid';
