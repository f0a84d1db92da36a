import type * as Sarif from 'sarif';
import type { Severity } from '../lint/types';
import { fingerprints } from './fingerprint';
import { displayPath, type Formatter } from './types';
import { byKey } from '../util/compare';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF names partial fingerprints `<name>/v<version>`: a new version if the identity ever changes. */
const FINGERPRINT_KEY = 'genModulesIdentity/v1';

const INFORMATION_URI = 'https://github.com/brmartin/gen-modules';

/**
 * SARIF 2.1.0: one run, every known rule described with a link to its doc.
 * Artifact URIs are relative to `%SRCROOT%`, the repository root (what GitHub
 * code scanning resolves them against); each result carries the fingerprint the
 * GitLab report uses, as a partial fingerprint, so results are matched across
 * commits without depending on their line.
 */
export const formatSarif: Formatter = (findings, context) => {
  const prints = fingerprints(findings, context.cwd);
  const rules = [...context.rules].sort(byKey((rule) => rule.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gen-modules',
            version: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        results: findings.map((finding, position) => {
          const location: Sarif.Location = {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(displayPath(finding.range.file, context.cwd)), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: finding.range.line,
                startColumn: finding.range.column,
                endLine: finding.range.endLine,
                endColumn: finding.range.endColumn,
              },
            },
          };
          if (finding.address !== undefined) location.logicalLocations = [{ fullyQualifiedName: finding.address }];
          const result: Sarif.Result = {
            ruleId: finding.ruleId,
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [location],
            partialFingerprints: { [FINGERPRINT_KEY]: prints[position]! },
          };
          const index = ruleIndex.get(finding.ruleId);
          if (index !== undefined) result.ruleIndex = index;
          return result;
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
