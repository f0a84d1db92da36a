import type { AnyRule } from '../../rule';
import scrapeAnnotations from './scrape-annotations';

export const observabilityRules: AnyRule[] = [scrapeAnnotations];
