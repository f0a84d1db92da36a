/**
 * The one string order of gen-modules: UTF-16 code units, independent of the
 * locale, so sorted output is the same bytes on every machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders objects by a string key in code-unit order: `list.sort(byKey((rule) => rule.id))`. */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(key(a), key(b));
}
