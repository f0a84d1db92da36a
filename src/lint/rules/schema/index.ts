import type { AnyRule } from '../../rule';
import crdBody from './crd-body';
import missingRequired from './missing-required';
import providerVersion from './provider-version';
import tooManyBlocks from './too-many-blocks';
import typeMismatch from './type-mismatch';
import unknownAttribute from './unknown-attribute';
import unknownBlock from './unknown-block';
import unknownResourceType from './unknown-resource-type';

export const schemaRules: AnyRule[] = [crdBody, missingRequired, providerVersion, tooManyBlocks, typeMismatch, unknownAttribute, unknownBlock, unknownResourceType];
