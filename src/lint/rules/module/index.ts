import type { AnyRule } from '../../rule';
import missingRequiredVariable from './missing-required-variable';
import missingSource from './missing-source';
import typeMismatch from './type-mismatch';
import unknownArgument from './unknown-argument';

export const moduleRules: AnyRule[] = [missingRequiredVariable, missingSource, typeMismatch, unknownArgument];
