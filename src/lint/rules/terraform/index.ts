import type { Rule } from '../../rule';
import deprecatedResource from './deprecated-resource';
import documentedVariables from './documented-variables';
import fmt from './fmt';
import requiredProviders from './required-providers';
import undefinedReference from './undefined-reference';
import unusedVariable from './unused-variable';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const terraformRules: Array<Rule<any>> = [deprecatedResource, documentedVariables, fmt, requiredProviders, undefinedReference, unusedVariable];
