import type { AnyRule } from '../../rule';
import leastPrivilege from './least-privilege';

export const rbacRules: AnyRule[] = [leastPrivilege];
