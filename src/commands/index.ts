import { compareCommand } from './compare';
import { diffCommand } from './diff';
import { docsCommand } from './docs';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { lintCommand } from './lint';
import { newCommand } from './new';
import { rulesCommand } from './rules';
import type { Command } from './types';
import { verifyCommand } from './verify';

/** Every command of the CLI, in the order `--help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
export const commands: Array<Command<any>> = [
  generateCommand,
  diffCommand,
  verifyCommand,
  lintCommand,
  rulesCommand,
  newCommand,
  importCommand,
  compareCommand,
  docsCommand,
];
