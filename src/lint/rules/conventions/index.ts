import type { AnyRule } from '../../rule';
import labels from './labels';
import multiArch from './multi-arch';
import renovate from './renovate';

export const conventionsRules: AnyRule[] = [labels, multiArch, renovate];
