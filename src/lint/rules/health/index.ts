import type { Rule } from '../../rule';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const healthRules: Array<Rule<any>> = [];
