import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { relative } from '../util/load-ts';
import { registerService } from './register';
import { skeleton } from './skeleton';

/** A Kubernetes DNS label, as the spec schema requires of a service name. */
const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAME_LENGTH = 63;

export interface ScaffoldResult {
  specFile: string;
  indexFile: string;
}

/**
 * Write `<specs>/<name>.ts` from the skeleton and register it in the index.
 * Every check runs and the index edit is computed before anything is written,
 * so a refusal leaves the folder as it was.
 */
export function scaffoldService(specsDir: string, name: string): ScaffoldResult {
  checkName(name);
  const dir = path.resolve(specsDir);
  const indexPath = path.join(dir, 'index.ts');
  const specPath = path.join(dir, `${name}.ts`);
  if (!fs.existsSync(indexPath))
    throw new UserError(`${relative(indexPath)}: not found; run gen-modules new from the folder that holds specs/, or pass --specs`);
  if (fs.existsSync(specPath) || fs.existsSync(path.join(dir, name)))
    throw new UserError(`${relative(specPath)}: the service "${name}" already exists`);
  const index = registerService(relative(indexPath), fs.readFileSync(indexPath, 'utf8'), name);
  // 'wx': never replace a spec that appeared meanwhile.
  fs.writeFileSync(specPath, skeleton(name), { flag: 'wx' });
  writeAtomically(indexPath, index);
  return { specFile: relative(specPath), indexFile: relative(indexPath) };
}

function checkName(name: string): void {
  if (!SERVICE_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new UserError(
      `"${name}" is not a valid service name: use lowercase letters, digits and hyphens, starting with a letter (at most ${MAX_NAME_LENGTH} characters), e.g. uptime-kuma`,
    );
  }
}

function writeAtomically(target: string, content: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, target);
}
