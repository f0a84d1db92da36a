import type { FormatContext } from '../../src/formatters';
import type { Finding } from '../../src/lint/types';

export const CWD = '/repo';

const range = (file: string, line: number, column: number, endLine = line, endColumn = column + 10) => ({
  file: `${CWD}/${file}`,
  line,
  column,
  endLine,
  endColumn,
});

/** Deliberately unsorted, with XML-hostile text and two findings on one address. */
export const FINDINGS: Finding[] = [
  {
    ruleId: 'storage/class',
    severity: 'warning',
    message: 'Use "glusterfs-nfs" & not <local-path>',
    range: range('modules/web/main.tf', 12, 5),
    address: 'kubernetes_persistent_volume_claim_v1.data',
  },
  {
    ruleId: 'hcl/parse-error',
    severity: 'error',
    message: 'unexpected "}"; fix the syntax so this file can be linted',
    range: range('modules/db/main.tf', 3, 1, 3, 2),
  },
  {
    ruleId: 'health/probes',
    severity: 'error',
    message: "Add a liveness probe to container 'web'",
    range: range('modules/web/main.tf', 4, 3, 20, 4),
    address: 'kubernetes_deployment_v1.web',
  },
  {
    ruleId: 'health/probes',
    severity: 'error',
    message: "Add a readiness probe to container 'web'",
    range: range('modules/web/main.tf', 4, 3, 20, 4),
    address: 'kubernetes_deployment_v1.web',
  },
  { ruleId: 'conventions/labels', severity: 'info', message: 'Add the label "app"', range: range('modules/web/main.tf', 12, 5) },
];

export const RULES = [
  {
    id: 'conventions/labels',
    defaultSeverity: 'warning' as const,
    summary: 'Objects carry the required labels.',
    docsUrl: 'https://example.test/docs/rules/conventions/labels.md',
  },
  {
    id: 'hcl/parse-error',
    defaultSeverity: 'error' as const,
    summary: 'A file that does not parse.',
    docsUrl: 'https://example.test/docs/rules/hcl/parse-error.md',
  },
  {
    id: 'health/probes',
    defaultSeverity: 'error' as const,
    summary: 'Containers have probes.',
    docsUrl: 'https://example.test/docs/rules/health/probes.md',
  },
  {
    id: 'storage/class',
    defaultSeverity: 'error' as const,
    summary: 'Persistent data on the persistent class.',
    docsUrl: 'https://example.test/docs/rules/storage/class.md',
  },
];

export const CONTEXT: FormatContext = {
  cwd: CWD,
  color: false,
  rules: RULES,
  toolVersion: '1.2.3',
  files: [`${CWD}/modules/db/main.tf`, `${CWD}/modules/web/main.tf`, `${CWD}/modules/web/variables.tf`],
};
