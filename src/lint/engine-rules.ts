import { createRule, type AnyRule } from './rule';

/**
 * Findings the engine itself produces. They are rules for the configuration,
 * the `rules` command, SARIF metadata and the docs, but their `check` is empty:
 * the engine reports them while parsing files and matching suppressions and
 * constitution exceptions.
 */

import { PARSE_ERROR, SUPPRESSION_INVALID, SUPPRESSION_UNUSED, UNUSED_EXCEPTION } from './types';

export { PARSE_ERROR, SUPPRESSION_INVALID, SUPPRESSION_UNUSED, UNUSED_EXCEPTION };

export const parseErrorRule = createRule({
  id: PARSE_ERROR,
  defaultSeverity: 'error',
  summary: 'A .tf file that does not parse as HCL; fix the syntax so the file can be linted.',
  messages: { parse: '{{message}}; fix the syntax so this file can be linted' },
  check() {},
});

export const unusedSuppressionRule = createRule({
  id: SUPPRESSION_UNUSED,
  defaultSeverity: 'warning',
  summary: 'An inline suppression that silenced no finding; remove it.',
  messages: { unused: 'Suppression of {{ruleId}} silenced nothing; remove it' },
  check() {},
});

export const invalidSuppressionRule = createRule({
  id: SUPPRESSION_INVALID,
  defaultSeverity: 'error',
  summary: 'An inline suppression that cannot apply: no reason, unknown rule, misplaced, or a rule that is not ignorable.',
  messages: {
    missingReason: 'Suppression has no reason and silences nothing; add "-- <why>" after the rule ids',
    missingRule: 'Suppression names no rule; write "gen-modules:ignore <rule-id> -- <why>"',
    unknownRule: 'Suppression names unknown rule {{ruleId}}; use an id listed by "gen-modules rules"',
    cannotSuppress: '{{ruleId}} is reported by the linter itself and cannot be suppressed',
    notIgnorable: 'Rule {{ruleId}} is configured as not ignorable; fix the finding instead of suppressing it',
    misplacedFileIgnore: 'ignore-file suppressions must be in the first comment block of the file; move it to the top',
  },
  check() {},
});

export const unusedExceptionRule = createRule({
  id: UNUSED_EXCEPTION,
  defaultSeverity: 'warning',
  summary: 'A constitution exception that covered no finding in the modules it names; remove it.',
  messages: { unused: 'Exception for {{rule}} on "{{workload}}" covered no finding; remove it from the constitution' },
  check() {},
});

export const engineRules: AnyRule[] = [parseErrorRule, unusedSuppressionRule, invalidSuppressionRule, unusedExceptionRule];
