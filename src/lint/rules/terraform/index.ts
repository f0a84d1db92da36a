import type { Rule } from '../../rule';
import deprecatedResource from './deprecated-resource';
import documentedVariables from './documented-variables';
import duplicateDeclaration from './duplicate-declaration';
import fmt from './fmt';
import requiredProviders from './required-providers';
import unusedVariable from './unused-variable';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const terraformRules: Array<Rule<any>> = [
  deprecatedResource,
  documentedVariables,
  duplicateDeclaration,
  fmt,
  requiredProviders,
  unusedVariable,
];
