import type { AnyRule } from '../../rule';
import probes from './probes';

export const healthRules: AnyRule[] = [probes];
