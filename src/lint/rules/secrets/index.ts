import type { Rule } from '../../rule';
import hardcoded from './hardcoded';
import unresolvedRef from './unresolved-ref';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const secretsRules: Array<Rule<any>> = [hardcoded, unresolvedRef];
