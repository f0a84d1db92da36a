import type { Rule } from '../../rule';
import leastPrivilege from './least-privilege';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rbacRules: Array<Rule<any>> = [leastPrivilege];
