import { diffCommand } from './diff';
import { generateCommand } from './generate';
import type { Command } from './types';
import { verifyCommand } from './verify';

/** Every command of the CLI, in the order `--help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: Array<Command<any>> = [generateCommand, diffCommand, verifyCommand];
