import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { governingTsconfig, SPECS_TSCONFIG, typecheckSpecs } from '../../src/spec-api/typecheck';
import { REPO, tempDir } from '../support/tmp';

/**
 * `generate --typecheck`: TypeScript's own errors, with file, line and column,
 * for a specs folder outside any project (the suggested tsconfig applies).
 */
test('a misspelt field of a spec is reported by TypeScript with file, line and column', () => {
  const dir = path.join(tempDir(), 'specs');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(SPECS_TSCONFIG, null, 2));
  fs.copyFileSync(path.join(REPO, 'specs', 'stack.ts'), path.join(dir, 'stack.ts'));
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    [
      "import { defineService } from 'gen-modules';",
      "import stack from './stack';",
      'export { stack };',
      'export const services = [',
      "  defineService({ name: 'web', description: 'Web', containers: [], objects: [{ kind: 'PodDisruptionBudget', maxUnavailble: 1 }] }),",
      '];',
      '',
    ].join('\n'),
  );
  expect(governingTsconfig(dir)).toBe(path.join(dir, 'tsconfig.json'));
  let message = '';
  try {
    typecheckSpecs(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    message = (error as Error).message;
  }
  expect(message).toMatch(
    /specs\/index\.ts\(5,\d+\): TS2561 Object literal may only specify known properties, but 'maxUnavailble' does not exist/,
  );
});
