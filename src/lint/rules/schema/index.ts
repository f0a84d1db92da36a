import type { Rule } from '../../rule';
import crdBody from './crd-body';
import missingRequired from './missing-required';
import providerVersion from './provider-version';
import tooManyBlocks from './too-many-blocks';
import typeMismatch from './type-mismatch';
import unknownAttribute from './unknown-attribute';
import unknownBlock from './unknown-block';
import unknownResourceType from './unknown-resource-type';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schemaRules: Array<Rule<any>> = [crdBody, missingRequired, providerVersion, tooManyBlocks, typeMismatch, unknownAttribute, unknownBlock, unknownResourceType];
