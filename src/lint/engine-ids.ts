/** Ids of the findings the engine reports itself (kept apart so report formats load nothing else). */
export const PARSE_ERROR = 'hcl/parse-error';
export const SUPPRESSION_UNUSED = 'suppression/unused';
export const SUPPRESSION_INVALID = 'suppression/invalid';
