import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatHcl } from '../../../src/hcl/format';
import { parseHcl } from '../../../src/hcl/parser';
import { terraformFmt, TERRAFORM_VERSION, warnWithoutTerraform } from '../../support/terraform-fmt';
import { REPO } from '../../support/tmp';

/**
 * The formatter is `terraform fmt`: on every `.tf` file of the repository
 * (fixtures, generated modules, examples) it writes what the installed
 * terraform writes, and a file terraform refuses as invalid is one the parser
 * refuses too. Run once for all files, with one terraform process.
 */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.terraform']);

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : tfFiles(full);
    return entry.name.endsWith('.tf') ? [full] : [];
  });
}

const files = tfFiles(REPO).sort();
const texts = files.map((file) => readFileSync(file, 'utf8'));
warnWithoutTerraform('formatHcl is not compared with `terraform fmt`');
const expected = TERRAFORM_VERSION === undefined ? [] : terraformFmt(texts);

test('the repository has .tf files to compare', () => {
  expect(files.length).toBeGreaterThan(100);
});

(TERRAFORM_VERSION === undefined ? describe.skip : describe)(`formatHcl equals terraform fmt ${TERRAFORM_VERSION ?? ''}`, () => {
  test.each(files.map((file, index) => [path.relative(REPO, file), index] as const))('%s', (_relative, index) => {
    const text = texts[index]!;
    const oracle = expected[index];
    if (oracle === undefined) expect(parseHcl(files[index]!, text.replace(/\r\n/g, '\n')).errors).not.toEqual([]);
    else expect(formatHcl(text)).toBe(oracle);
  });
});
