import type { Rule } from '../../rule';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const workloadsRules: Array<Rule<any>> = [];
