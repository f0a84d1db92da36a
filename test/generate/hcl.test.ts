import {
  attributes,
  escapeTemplateText,
  expr,
  hcl,
  heredocFor,
  isIdentifier,
  objectKey,
  quote,
  template,
  toIdentifier,
} from '../../src/hcl/encode';

/** The HCL encoding helpers, by behaviour. */
describe('quote', () => {
  test.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\path', '"C:\\\\path"'],
    ['two\nlines\r\tand tab', '"two\\nlines\\r\\tand tab"'],
    ['${var.x}', '"$${var.x}"'],
    ['%{ if x }', '"%%{ if x }"'],
    ['$${already}', '"$$${already}"'],
    ['$1 and 100%', '"$1 and 100%"'],
    ['bell\u0007 del\u007f sep\u2028', '"bell\\u0007 del\\u007f sep\\u2028"'],
    ['été 😀', '"été 😀"'],
  ])('%j → %s', (input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  test('escapeTemplateText leaves the quotes to the caller', () => {
    expect(escapeTemplateText('a"b')).toBe('a\\"b');
  });
});

describe('heredocFor', () => {
  test('uses a heredoc for multi-line text that ends with a newline, keeping indentation', () => {
    expect(heredocFor('first\n  second ${x}\n')).toBe('<<EOT\nfirst\n  second $${x}\nEOT');
  });

  test.each([
    ['no final newline', 'a\nb'],
    ['a single line', 'a\n'],
    ['a line equal to the marker', 'a\nEOT\n'],
    ['a carriage return', 'a\r\nb\n'],
    ['a control character', 'a\u0001\nb\n'],
  ])('refuses %s', (_name, text) => {
    expect(heredocFor(text)).toBeUndefined();
  });
});

describe('identifiers', () => {
  test.each([
    ['kube-state-metrics', 'kube_state_metrics'],
    ['Node Exporter', 'node_exporter'],
    ['9lives', '_9lives'],
    ['--x--', 'x'],
  ])('toIdentifier(%j) = %s', (name, expected) => {
    expect(toIdentifier(name)).toBe(expected);
  });

  test('refuses a name with nothing to keep', () => {
    expect(() => toIdentifier('---')).toThrow('cannot make an identifier');
  });

  test('keywords and dotted names are not bare identifiers', () => {
    expect(isIdentifier('app')).toBe(true);
    expect(isIdentifier('managed-by')).toBe(true);
    expect(isIdentifier('true')).toBe(false);
    expect(isIdentifier('for')).toBe(false);
    expect(isIdentifier('prometheus.io/scrape')).toBe(false);
    expect(objectKey('prometheus.io/scrape')).toBe('"prometheus.io/scrape"');
    expect(objectKey('null')).toBe('"null"');
  });
});

describe('hcl values', () => {
  test('scalars, expressions and templates', () => {
    expect(hcl(null)).toBe('null');
    expect(hcl(true)).toBe('true');
    expect(hcl(9090)).toBe('9090');
    expect(hcl(expr('var.namespace'))).toBe('var.namespace');
    expect(hcl(template(expr('local.app_name'), '-${suffix}'))).toBe('"${local.app_name}-$${suffix}"');
    expect(() => hcl(Number.NaN)).toThrow('cannot write NaN');
  });

  test('short lists of scalars stay on one line, others break', () => {
    expect(hcl(['a', 1, expr('var.x')])).toBe('["a", 1, var.x]');
    expect(hcl([])).toBe('[]');
    expect(hcl([{ a: 1 }])).toBe('[\n{\na = 1\n},\n]');
    expect(hcl(Array.from({ length: 20 }, (_, i) => `item-number-${i}`))).toMatch(/^\[\n"item-number-0",\n/);
  });

  test('objects quote keys that are not identifiers and skip undefined values', () => {
    expect(hcl({ app: 'x', 'kubernetes.io/arch': 'amd64', gone: undefined })).toBe('{\napp = "x"\n"kubernetes.io/arch" = "amd64"\n}');
    expect(hcl({})).toBe('{}');
    expect(attributes({ name: 'data', read_only: true, sub_path: undefined })).toBe('name = "data"\nread_only = true');
  });

  test('heredocs only where asked', () => {
    expect(hcl('a\nb\n')).toBe('"a\\nb\\n"');
    expect(hcl('a\nb\n', { heredoc: true })).toBe('<<EOT\na\nb\nEOT');
  });
});
