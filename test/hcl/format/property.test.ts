import fc from 'fast-check';
import { format } from '@cdktf/hcl-tools';
import { formatHcl, layoutHcl } from '../../../src/hcl/format';
import { tokenize } from '../../../src/hcl/lexer';
import { parseHcl } from '../../../src/hcl/parser';
import { generateHclBody } from './hclGenerator';

describe('formatHcl on generated HCL', () => {
  it('tokenizes, is laid out like hclwrite and is idempotent on random valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const source = generateHclBody(g);
        expect(tokenize(source).ok).toBe(true);
        const laidOut = layoutHcl(source);
        expect(laidOut).toBe(await format(source));
        expect(layoutHcl(laidOut)).toBe(laidOut);
      }),
      { numRuns: 600 },
    );
  });

  // Not idempotent, like terraform fmt: `"${"${x}"}"` is unwrapped one level per run.
  it('never turns HCL that parses into HCL that does not, rewrites included', () => {
    const lf = (text: string): string => text.replace(/\r\n/g, '\n');
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const source = generateHclBody(g, { terraform: true });
        fc.pre(parseHcl('generated.tf', lf(source)).errors.length === 0);
        const formatted = formatHcl(source);
        expect(parseHcl('formatted.tf', lf(formatted)).errors).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });
});
