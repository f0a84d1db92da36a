/**
 * A semantic diff of two modules: their Kubernetes objects matched by identity
 * (group, kind, namespace, name) and compared field by field after
 * normalisation (`./objects`); resources that are not Kubernetes objects are
 * matched by address.
 */
import type { TfModule } from './types';
import { itemKey, LIST_KEYS, moduleObjects, unknownText, type Plain, type PlainObject } from './objects';

export interface FieldChange {
  /** `spec.template.spec.containers[web].image`. */
  path: string;
  /** Undefined when the field is absent on that side. */
  before: Plain | undefined;
  after: Plain | undefined;
}

export interface ObjectEntry {
  /** `Deployment default/whoami`, or a resource address for non-Kubernetes resources. */
  label: string;
  /** Resource address on each side. */
  before?: string;
  after?: string;
}

export interface ChangedObject extends ObjectEntry {
  before: string;
  after: string;
  fields: FieldChange[];
}

export interface Comparison {
  added: ObjectEntry[];
  removed: ObjectEntry[];
  changed: ChangedObject[];
  /** Objects equal in content whose Terraform address differs (`kubernetes_deployment.app` → `kubernetes_deployment_v1.main`). */
  moved: Array<ObjectEntry & { before: string; after: string }>;
}

interface Comparable {
  identity: string;
  label: string;
  address: string;
  body: PlainObject;
}

function comparables(module: TfModule): Comparable[] {
  const { objects, others } = moduleObjects(module);
  return [
    ...objects.map((o) => ({ identity: o.identity, label: o.label, address: o.resource.address, body: o.body })),
    ...others.map((o) => ({ identity: o.identity, label: o.label, address: o.resource.address, body: o.body })),
  ];
}

/** Compare module `a` (before) with module `b` (after). */
export function compareModules(a: TfModule, b: TfModule): Comparison {
  const left = comparables(a);
  const right = new Map(comparables(b).map((item) => [item.identity, item]));
  const result: Comparison = { added: [], removed: [], changed: [], moved: [] };
  for (const before of left) {
    const after = right.get(before.identity);
    if (!after) {
      result.removed.push({ label: before.label, before: before.address });
      continue;
    }
    right.delete(before.identity);
    const fields = diffValues(before.body, after.body, '');
    if (fields.length > 0) result.changed.push({ label: before.label, before: before.address, after: after.address, fields });
    else if (before.address !== after.address) result.moved.push({ label: before.label, before: before.address, after: after.address });
  }
  for (const after of right.values()) result.added.push({ label: after.label, after: after.address });
  return result;
}

export function isEquivalent(comparison: Comparison): boolean {
  return comparison.added.length === 0 && comparison.removed.length === 0 && comparison.changed.length === 0;
}

function isObject(value: Plain | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
  if (plain) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The field paths where two values differ, with both sides. */
export function diffValues(before: Plain | undefined, after: Plain | undefined, path: string): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

function listName(path: string): string {
  return /([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1] ?? '';
}

function diffLists(before: Plain[], after: Plain[], path: string): FieldChange[] {
  const name = listName(path);
  const keyed =
    LIST_KEYS[name] !== undefined &&
    [...before, ...after].every((item) => itemKey(name, item) !== undefined) &&
    new Set(before.map((item) => itemKey(name, item))).size === before.length &&
    new Set(after.map((item) => itemKey(name, item))).size === after.length;
  if (keyed) {
    const afterByKey = new Map(after.map((item) => [itemKey(name, item)!, item]));
    const changes: FieldChange[] = [];
    for (const item of before) {
      const key = itemKey(name, item)!;
      changes.push(...diffValues(item, afterByKey.get(key), `${path}[${key}]`));
      afterByKey.delete(key);
    }
    for (const [key, item] of afterByKey) changes.push({ path: `${path}[${key}]`, before: undefined, after: item });
    return changes;
  }
  if (before.length !== after.length) return [{ path, before, after }];
  return before.flatMap((item, index) => diffValues(item, after[index], `${path}[${index}]`));
}

function show(value: Plain | undefined): string {
  if (value === undefined) return '(absent)';
  const unknown = unknownText(value);
  const text = unknown !== undefined ? `\${${unknown}}` : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function addresses(entry: ObjectEntry): string {
  if (entry.before !== undefined && entry.after !== undefined)
    return entry.before === entry.after ? entry.before : `${entry.before} -> ${entry.after}`;
  return entry.before ?? entry.after ?? '';
}

/** The comparison as text: one line per object, one indented line per changed field, and a summary. */
export function describeComparison(comparison: Comparison, names: { a: string; b: string }): string {
  const lines: string[] = [];
  for (const entry of comparison.removed) lines.push(`- ${entry.label}: only in ${names.a} (${addresses(entry)})`);
  for (const entry of comparison.added) lines.push(`+ ${entry.label}: only in ${names.b} (${addresses(entry)})`);
  for (const entry of comparison.changed) {
    lines.push(`~ ${entry.label} (${addresses(entry)})`);
    for (const field of entry.fields) lines.push(`    ${field.path}: ${show(field.before)} -> ${show(field.after)}`);
  }
  for (const entry of comparison.moved) lines.push(`  ${entry.label}: same object, address ${addresses(entry)}`);
  const summary = isEquivalent(comparison)
    ? `equivalent${comparison.moved.length > 0 ? ` (${comparison.moved.length} address change(s))` : ''}`
    : `${comparison.removed.length} removed, ${comparison.added.length} added, ${comparison.changed.length} changed`;
  lines.push(`${names.a} vs ${names.b}: ${summary}`);
  return `${lines.join('\n')}\n`;
}
