import type { AnyRule } from '../../rule';
import auth from './auth';
import tls from './tls';

export const ingressRules: AnyRule[] = [auth, tls];
