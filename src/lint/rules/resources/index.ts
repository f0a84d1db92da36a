import type { Rule } from '../../rule';
import requestsLimits from './requests-limits';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const resourcesRules: Array<Rule<any>> = [requestsLimits];
