import type { Rule } from '../../rule';
import memoryEmptydir from './memory-emptydir';
import requestsLimits from './requests-limits';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const resourcesRules: Array<Rule<any>> = [requestsLimits, memoryEmptydir];
