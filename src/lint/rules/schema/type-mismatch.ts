import { mayMismatch, typeProblems } from '../../../schema/types';
import { createRule, type ReportDescriptor } from '../../rule';
import { isMetaAttribute, type SchemaVisit, schemaVisits, whereOf } from '../../../schema/visits';

/**
 * A literal that does not convert to the argument's type (a word where a number
 * or a bool is required, a list for a string, a scalar for a list or map), a
 * block written as an argument (`metadata = { ... }`) or an argument written as
 * a block (`labels { ... }`). Values that come from variables, locals or other
 * resources are not judged here: only what is written in the argument itself.
 */
function checkVisit(visit: SchemaVisit, report: (descriptor: ReportDescriptor<MessageId>) => void): void {
  const { attributes, blocks } = visit.schema;
  const address = visit.root.address;
  for (const attribute of Object.values(visit.block.attributes)) {
    if (isMetaAttribute(visit, attribute.name)) continue;
    const schema = attributes.get(attribute.name);
    if (!schema) {
      if (blocks.has(attribute.name)) report({ messageId: 'blockAsArgument', data: { name: attribute.name, where: whereOf(visit) }, range: attribute.nameRange, address });
      continue;
    }
    if (!mayMismatch(attribute.exprText, schema.type)) continue;
    for (const problem of typeProblems(attribute.value(), schema.type, attribute.exprRange)) {
      report({ messageId: 'value', data: { name: `${attribute.name}${problem.path}`, where: whereOf(visit), expected: problem.expected, found: problem.found }, range: problem.range, address });
    }
  }
  for (const block of visit.block.blocks) {
    if (!blocks.has(block.type) && attributes.has(block.type)) report({ messageId: 'argumentAsBlock', data: { name: block.type, where: whereOf(visit) }, range: block.headerRange, address });
  }
}

const messages = {
  value: '"{{name}}" in {{where}} must be {{expected}}, but {{found}} does not convert to it: write a value of that type',
  blockAsArgument: '"{{name}}" in {{where}} is a block, not an argument: write `{{name}} { ... }` without the equals sign',
  argumentAsBlock: '"{{name}}" in {{where}} is an argument, not a block: write `{{name}} = ...` with an equals sign',
};

type MessageId = keyof typeof messages;

export default createRule({
  id: 'schema/type-mismatch',
  defaultSeverity: 'error',
  summary: 'Literal values of kubernetes_*, helm_* and kubectl_manifest arguments have the type the provider expects, and blocks and arguments are not confused',
  messages,
  check({ module, report }) {
    for (const visit of schemaVisits(module)) checkVisit(visit, report);
  },
});
