import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Range } from '../hcl/syntax';
import type { Exception } from './constitution';
import { UNUSED_EXCEPTION, unusedExceptionRule } from './engine-rules';
import { formatMessage } from './rule';
import type { Finding } from './types';

/**
 * Constitution exceptions, applied by the engine to every rule's findings (as
 * inline suppressions are): an exception `{ rule, workload, class?, reason }`
 * silences the findings of `rule` whose subjects include `workload` (the module
 * folder, the resource's Terraform name or Kubernetes name, or a name the rule
 * adds, such as a claim's) and, when it names a class, whose storage class is
 * that class.
 *
 * An exception that silenced nothing is reported, like an unused suppression,
 * when its `workload` names a module folder of the linted tree: linting part of a
 * repository says nothing of exceptions for the rest.
 */

export interface ExceptionsResult {
  findings: Finding[];
  unused: Finding[];
}

/** True when the exception covers the finding. */
export function covers(exception: Exception, finding: Finding): boolean {
  return (
    exception.rule === finding.ruleId &&
    (finding.subjects ?? []).includes(exception.workload) &&
    (exception.class === undefined || exception.class === finding.storageClass)
  );
}

/**
 * The findings no exception covers, and a finding for each exception that covered none.
 * `moduleDirs` are the folders of the linted modules; `configFile` is where exceptions are written.
 */
export function applyExceptions(
  findings: readonly Finding[],
  exceptions: readonly Exception[],
  moduleDirs: Iterable<string>,
  configFile: string | null,
): ExceptionsResult {
  if (exceptions.length === 0) return { findings: [...findings], unused: [] };
  const used = new Set<Exception>();
  const kept = findings.filter((finding) => {
    const exception = exceptions.find((candidate) => covers(candidate, finding));
    if (exception) used.add(exception);
    return exception === undefined;
  });
  const folders = new Set([...moduleDirs].map((dir) => path.basename(dir)));
  const unused = configFile
    ? exceptions
        .filter((exception) => !used.has(exception) && folders.has(exception.workload))
        .map((exception) => unusedFinding(exception, configFile))
    : [];
  return { findings: kept, unused };
}

function unusedFinding(exception: Exception, configFile: string): Finding {
  return {
    ruleId: UNUSED_EXCEPTION,
    severity: unusedExceptionRule.defaultSeverity,
    messageId: 'unused',
    message: formatMessage(unusedExceptionRule.messages.unused ?? '', { rule: exception.rule, workload: exception.workload }),
    range: rangeOfException(exception, configFile),
  };
}

/** The line of the config file that carries the exception's reason (else its first line). */
function rangeOfException(exception: Exception, configFile: string): Range {
  let lines: string[] = [];
  try {
    lines = readFileSync(configFile, 'utf8').split(/\r?\n/);
  } catch {
    // The file was read when the configuration was loaded; a file gone since has no line to point at.
  }
  const quoted = JSON.stringify(exception.reason).slice(1, -1);
  const index = lines.findIndex((line) => line.includes(quoted) || line.includes(exception.reason));
  const line = index + 1 || 1;
  return { file: configFile, line, column: 1, endLine: line, endColumn: (lines[index]?.length ?? 0) + 1 };
}
