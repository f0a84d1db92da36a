import type { AnyRule } from '../../rule';
import alertNodata from './alert-nodata';
import scrapeAnnotations from './scrape-annotations';

export const observabilityRules: AnyRule[] = [alertNodata, scrapeAnnotations];
