import { compareQuantities, parseQuantity, quantityOf, type Quantity } from '../../src/util/quantity';

const q = (text: string): Quantity => {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`"${text}" did not parse`);
  return parsed;
};
const compare = (a: string, b: string): number => compareQuantities(q(a), q(b));

describe('parseQuantity', () => {
  test.each([
    ['4Gi', 4n * 2n ** 30n, 1n],
    ['4096Mi', 4096n * 2n ** 20n, 1n],
    ['1Ki', 1024n, 1n],
    ['1Ei', 2n ** 60n, 1n],
    ['500m', 500n, 1000n],
    ['1.5G', 15n * 10n ** 9n, 10n],
    ['1e3', 1000n, 1n],
    ['5E-3', 5n, 1000n],
    ['128974848', 128974848n, 1n],
    ['.5', 5n, 10n],
    ['+2k', 2000n, 1n],
    ['-0', 0n, 1n],
    [' 64Mi ', 64n * 2n ** 20n, 1n],
  ])('%s', (text, numerator, denominator) => {
    expect(parseQuantity(text)).toEqual({ numerator, denominator });
  });

  test.each(['', 'Gi', '4GB', '4gi', '1.2.3', '-1Gi', '4 Gi', 'ten', '1e', '0x10'])('"%s" is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('compareQuantities', () => {
  test('the same amount in different units is equal', () => {
    expect(compare('4Gi', '4096Mi')).toBe(0);
    expect(compare('1G', '1000M')).toBe(0);
    expect(compare('1.5Gi', '1536Mi')).toBe(0);
    expect(compare('1', '1000m')).toBe(0);
    expect(compare('1e3', '1k')).toBe(0);
  });

  test('orders by amount, not by number or unit', () => {
    expect(compare('1Gi', '1G')).toBeGreaterThan(0);
    expect(compare('512Mi', '1Gi')).toBeLessThan(0);
    expect(compare('1025Mi', '1Gi')).toBeGreaterThan(0);
    expect(compare('1.1Gi', '1126.4Mi')).toBe(0);
    expect(compare('999m', '1')).toBeLessThan(0);
  });
});

describe('quantityOf', () => {
  test('reads plain numbers as base units', () => {
    expect(quantityOf(1073741824)).toEqual(q('1Gi'));
    expect(quantityOf(-1)).toBeUndefined();
    expect(quantityOf(Number.NaN)).toBeUndefined();
  });
});
