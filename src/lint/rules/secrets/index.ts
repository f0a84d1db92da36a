import type { AnyRule } from '../../rule';
import hardcoded from './hardcoded';
import unresolvedRef from './unresolved-ref';

export const secretsRules: AnyRule[] = [hardcoded, unresolvedRef];
