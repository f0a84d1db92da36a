/**
 * Kubernetes resource quantities (`4Gi`, `4096Mi`, `500m`, `1.5G`, `1e3`), read
 * exactly as fractions so that equal amounts written differently compare equal.
 */

/** An exact, non-negative amount: `numerator / denominator` in base units (bytes, cores). */
export interface Quantity {
  numerator: bigint;
  denominator: bigint;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Sign, digits with an optional fraction, then a binary suffix, a decimal suffix or an exponent. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** A quantity as the API server reads it; undefined for text that is not one (or is negative). */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === '-' && numerator !== 0n) return undefined;
  if (suffix in BINARY) numerator *= 2n ** BigInt(BINARY[suffix]!);
  else {
    const exponent = suffix in DECIMAL ? DECIMAL[suffix]! : Number(suffix.slice(1));
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { numerator, denominator };
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A quantity written as a string or a plain number (`memory = 536870912`). */
export function quantityOf(value: string | number): Quantity | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? parseQuantity(String(value)) : undefined;
  return parseQuantity(value);
}
