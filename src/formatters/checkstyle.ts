import { displayPath, escapeXml, groupByFile, type Formatter } from './types';

/** Checkstyle XML: a `<file>` per linted file, an `<error>` per finding. */
export const formatCheckstyle: Formatter = (findings, context) => {
  const groups = groupByFile(findings);
  for (const file of context.files ?? []) if (!groups.has(file)) groups.set(file, []);
  const files = [...groups.keys()].sort().map((file) => {
    const name = escapeXml(displayPath(file, context.cwd));
    const errors = (groups.get(file) ?? []).map(
      (f) =>
        `    <error line="${f.range.line}" column="${f.range.column}" severity="${f.severity}" message="${escapeXml(f.message)}" source="${escapeXml(`gen-modules.${f.ruleId}`)}"/>`,
    );
    return errors.length === 0 ? `  <file name="${name}"/>` : [`  <file name="${name}">`, ...errors, '  </file>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">', ...files, '</checkstyle>', ''].join('\n');
};
