/**
 * The expressions a block writes and the names its references start with.
 */
import type { Attribute, Block } from './types';

/**
 * The expressions written directly in a block: its attributes, plus the
 * `for_each` of a `dynamic` wrapper, which the model keeps beside the content.
 */
export function ownExpressions(block: Block): Attribute[] {
  const attributes = Object.values(block.attributes);
  return block.forEach ? [...attributes, block.forEach] : attributes;
}

/** The first name of a traversal text: `kubernetes.hestia` → `kubernetes`, `var.x[0]` → `var`. */
export function rootName(reference: string): string {
  return /^[^.[]*/.exec(reference)?.[0] ?? reference;
}
