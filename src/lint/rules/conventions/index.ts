import type { Rule } from '../../rule';
import labels from './labels';
import multiArch from './multi-arch';
import renovate from './renovate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const conventionsRules: Array<Rule<any>> = [labels, multiArch, renovate];
