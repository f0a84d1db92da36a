import type { Rule } from '../../rule';
import probes from './probes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const healthRules: Array<Rule<any>> = [probes];
