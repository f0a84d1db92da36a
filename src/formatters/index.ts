import { formatCheckstyle } from './checkstyle';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Formatter, OutputFormat } from './types';

export { OUTPUT_FORMATS, type FormatContext, type Formatter, type OutputFormat, type RuleInfo } from './types';
export { compareFindings, sortFindings } from '../lint/sort';

/** Every output format; a format without a formatter does not compile. */
export const formatters: Record<OutputFormat, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
};
