import { currentlyLoading } from '../util/load-ts';
import type { ServiceInput, StackInput, TemplateRef, VarRef } from './schema';

/**
 * Identity helpers that give spec files types and editor completion. They also
 * note which file defined the value, so validation errors can name it.
 */

export const SOURCE_FILE = Symbol.for('gen-modules.sourceFile');

function stamp<T extends object>(value: T): T {
  const file = currentlyLoading();
  if (file !== undefined && !Object.prototype.hasOwnProperty.call(value, SOURCE_FILE)) {
    Object.defineProperty(value, SOURCE_FILE, { value: file, enumerable: false });
  }
  return value;
}

export function sourceFileOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const file = (value as { [SOURCE_FILE]?: unknown })[SOURCE_FILE];
  return typeof file === 'string' ? file : undefined;
}

/** Returns its argument with its own type, so specs read the settings they set (`stack.objectStore.endpoint`). */
export function defineStack<T extends StackInput>(stack: T): T {
  return stamp(stack);
}

export function defineService(service: ServiceInput): ServiceInput {
  return stamp(service);
}

/** A reference to one of the service's module variables (`var.<name>` in the HCL). */
export function variable(name: string): VarRef {
  return { var: name };
}

/** A string mixing text and variables: tpl`--storage.tsdb.retention.time=${variable('retention')}`. */
export function tpl(strings: TemplateStringsArray, ...values: Array<VarRef | string | number>): TemplateRef {
  const parts: Array<string | VarRef> = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text);
    if (i < values.length) {
      const value = values[i] as VarRef | string | number;
      parts.push(typeof value === 'object' ? value : String(value));
    }
  });
  return { template: parts };
}
