import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { formatHcl } from '../../../src/hcl/format';

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

  it.each(fixtures)('%s formats exactly like hclwrite', async (name) => {
    const source = readFixture(name);
    expect(formatHcl(source)).toBe(await format(source));
  });

  it.each(fixtures)('%s is left alone once formatted', (name) => {
    const formatted = formatHcl(readFixture(name));
    expect(formatHcl(formatted)).toBe(formatted);
  });
});
