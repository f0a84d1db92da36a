import fc from 'fast-check';
import { format } from '@cdktf/hcl-tools';
import { formatHcl } from '../../../src/hcl/format';
import { tokenize } from '../../../src/hcl/lexer';
import { generateHclBody } from './hclGenerator';

describe('formatHcl on generated HCL', () => {
  it('tokenizes, matches hclwrite and is idempotent on random valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const source = generateHclBody(g);
        expect(tokenize(source).ok).toBe(true);
        const formatted = formatHcl(source);
        expect(formatted).toBe(await format(source));
        expect(formatHcl(formatted)).toBe(formatted);
      }),
      { numRuns: 2500 },
    );
  });
});
