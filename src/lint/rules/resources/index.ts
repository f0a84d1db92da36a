import type { AnyRule } from '../../rule';
import requestsLimits from './requests-limits';

export const resourcesRules: AnyRule[] = [requestsLimits];
