import type { Rule } from '../../rule';
import missingRequiredVariable from './missing-required-variable';
import missingSource from './missing-source';
import typeMismatch from './type-mismatch';
import unknownArgument from './unknown-argument';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const moduleRules: Array<Rule<any>> = [missingRequiredVariable, missingSource, typeMismatch, unknownArgument];
