import type { Rule } from '../../rule';
import alertNodata from './alert-nodata';
import scrapeAnnotations from './scrape-annotations';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const observabilityRules: Array<Rule<any>> = [alertNodata, scrapeAnnotations];
