import type { AnyRule } from '../../rule';
import deprecatedResource from './deprecated-resource';
import documentedVariables from './documented-variables';
import duplicateDeclaration from './duplicate-declaration';
import fmt from './fmt';
import requiredProviders from './required-providers';
import undefinedReference from './undefined-reference';
import unusedVariable from './unused-variable';

export const terraformRules: AnyRule[] = [deprecatedResource, documentedVariables, duplicateDeclaration, fmt, requiredProviders, undefinedReference, unusedVariable];
