import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { formatHcl, layoutHcl } from '../../../src/hcl/format';

const FIXTURE_DIR = join(__dirname, '../../fixtures/fmt');
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.tf'))
  .sort();

function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

describe('formatHcl on the fixture corpus', () => {
  it('covers at least 40 hand-written fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it('keeps the byte-exact fixtures byte-exact on disk', () => {
    expect(readFixture('crlf.tf')).toContain('\r\n');
    expect(readFixture('tabs.tf')).toContain('\t');
    expect(readFixture('no-final-newline.tf').endsWith('}')).toBe(true);
  });

  // The HCL of @cdktf/hcl-tools predates provider-defined functions (it spaces `::` apart).
  const PRE_1_8 = new Set(['provider-functions.tf']);

  it.each(fixtures.filter((name) => !PRE_1_8.has(name)))('%s is laid out exactly like hclwrite', async (name) => {
    const source = readFixture(name);
    expect(layoutHcl(source)).toBe(await format(source));
  });

  // Equality with terraform fmt itself, rewrites included: test/hcl/format/terraform.test.ts.

  it.each(fixtures)('%s is left alone once formatted', (name) => {
    const formatted = formatHcl(readFixture(name));
    expect(formatHcl(formatted)).toBe(formatted);
  });
});
