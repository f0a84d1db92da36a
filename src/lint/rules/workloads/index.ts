import type { AnyRule } from '../../rule';
import exclusiveDeviceStrategy from './exclusive-device-strategy';

export const workloadsRules: AnyRule[] = [exclusiveDeviceStrategy];
