/** What the generation commands call. */
export { unifiedDiff } from './diff';
export { prepare } from './run';
export { applyChanges, describeConflicts, describeKept } from './write';
export { describeUnadopted } from './adoption';
