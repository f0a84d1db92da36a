import type { AnyRule } from '../../rule';
import latestPullPolicy from './latest-pull-policy';
import pullSecret from './pull-secret';

export const imagesRules: AnyRule[] = [latestPullPolicy, pullSecret];
