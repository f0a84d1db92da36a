import type { Rule } from '../../rule';
import auth from './auth';
import tls from './tls';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ingressRules: Array<Rule<any>> = [auth, tls];
