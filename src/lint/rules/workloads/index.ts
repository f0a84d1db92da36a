import type { Rule } from '../../rule';
import exclusiveDeviceStrategy from './exclusive-device-strategy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const workloadsRules: Array<Rule<any>> = [exclusiveDeviceStrategy];
