/**
 * Walks over a module's blocks and expressions shared by the `terraform/*` rules.
 */
import type { Attribute, Block, TfModule } from '../../types';

/** A block and every block nested in it, depth first, in source order. */
export function* descendants(block: Block): Generator<Block> {
  yield block;
  for (const inner of block.blocks) yield* descendants(inner);
}

/** Every block of the module at any depth (dynamic blocks included, as their content). */
export function* allBlocks(module: TfModule): Generator<Block> {
  for (const block of module.blocks) yield* descendants(block);
}

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

/** `count` nouns: `1 line`, `3 lines`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
