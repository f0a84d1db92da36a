import type { Rule } from '../../rule';
import latestPullPolicy from './latest-pull-policy';
import pullSecret from './pull-secret';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const imagesRules: Array<Rule<any>> = [latestPullPolicy, pullSecret];
