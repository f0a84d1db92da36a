import { createRule } from '../../rule';
import { familiesUsed, schemaChoice } from '../../../schema/providers';

/**
 * A provider the module uses (hashicorp/helm, alekc/kubectl) whose version
 * constraint selects no committed schema: absent, admitting several major
 * releases, or a release the linter does not know. Its blocks are then not
 * checked at all rather than against the wrong release; this says so once.
 */
export default createRule({
  id: 'schema/provider-version',
  defaultSeverity: 'info',
  summary: 'A helm or kubectl provider constraint selects one major release the offline schemas cover, so its blocks are checked',
  messages: {
    uncovered:
      'The {{name}} constraint {{constraint}} selects no release the offline schemas cover ({{label}} {{covered}}): its resources and provider block are not checked; pin one major release (e.g. version = "~> {{newest}}.0")',
  },
  check(context) {
    for (const family of familiesUsed(context.module)) {
      const choice = schemaChoice(context.module, family);
      if (choice.kind !== 'uncovered') continue;
      const range =
        choice.range ??
        context.module.resources.find((r) => family.covers(r.type))?.block.headerRange ??
        context.module.blocks.find((b) => b.type === 'provider' && b.labels[0] === family.localName)?.headerRange;
      if (!range) continue;
      const majors = family.majors.map(([major]) => major);
      context.report({
        messageId: 'uncovered',
        data: {
          name: family.localName,
          constraint: choice.constraint === undefined ? '(none)' : `"${choice.constraint}"`,
          label: family.label,
          covered: family.majors.map(([, schema]) => schema.version()).join(', '),
          newest: majors[majors.length - 1] ?? 0,
        },
        range,
      });
    }
  },
});
