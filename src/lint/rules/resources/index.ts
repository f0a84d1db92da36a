import type { AnyRule } from '../../rule';
import memoryEmptydir from './memory-emptydir';
import requestsLimits from './requests-limits';

export const resourcesRules: AnyRule[] = [memoryEmptydir, requestsLimits];
