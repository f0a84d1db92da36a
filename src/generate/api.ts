/** What the generation commands call. */
export { unifiedDiff } from './diff';
export { prepare } from './run';
export { applyChanges, describeConflicts, describeKept, removeStaleTemporaries, staleTemporaries } from './write';
export { manifestUses } from './manifests';
export { withOutputLock } from './lock';
export { describeUnadopted } from './adoption';
