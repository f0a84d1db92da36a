import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The installed `terraform` binary as the formatter's oracle. Tests that need
 * it skip, and say so loudly, when it is absent.
 */
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

function probe(): string | undefined {
  const result = spawnSync('terraform', ['version', '-json'], { env: ENV, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  try {
    return (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/** `1.11.4`, or undefined when no terraform binary runs here. */
export const TERRAFORM_VERSION = probe();

/** Declares a test that fails loudly in the log (but not the run) when terraform is absent. */
export function warnWithoutTerraform(what: string): void {
  if (TERRAFORM_VERSION !== undefined) return;
  const message = `\n${'!'.repeat(72)}\n!! SKIPPED: ${what}\n!! no \`terraform\` binary on PATH: install terraform >= 1.8 to run it\n${'!'.repeat(72)}\n`;
  console.warn(message);
}

/**
 * What `terraform fmt` writes for each text (one terraform run for all of
 * them); undefined for a text terraform refuses to format (it does not parse).
 */
export function terraformFmt(texts: readonly string[]): Array<string | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'terraform-fmt-'));
  try {
    texts.forEach((text, index) => writeFileSync(path.join(dir, `f${index}.tf`), text));
    const result = spawnSync('terraform', ['fmt', '-no-color', '-list=false', dir], { env: ENV, encoding: 'utf8' });
    if (result.error) throw result.error;
    const refused = new Set([...result.stderr.matchAll(/ on \S*?f(\d+)\.tf line \d+/g)].map((m) => Number(m[1])));
    if (result.status !== 0 && refused.size === 0) throw new Error(`terraform fmt failed: ${result.stderr}`);
    return texts.map((_text, index) => (refused.has(index) ? undefined : readFileSync(path.join(dir, `f${index}.tf`), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
