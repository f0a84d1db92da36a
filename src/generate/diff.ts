import { createTwoFilesPatch } from 'diff';
import path from 'node:path';
import { styleText } from 'node:util';
import type { PlannedChange } from './write';

/** A unified diff of every change (creations, updates, deletions), paths relative to `base` (cwd by default); coloured when asked. */
export function unifiedDiff(changes: PlannedChange[], colour: boolean, base = process.cwd()): string {
  const patches = changes
    .filter((c) => c.kind !== 'unchanged')
    .map((c) => {
      const name = path.relative(base, c.target).split(path.sep).join('/');
      return createTwoFilesPatch(
        c.kind === 'create' ? '/dev/null' : `a/${name}`,
        c.kind === 'delete' ? '/dev/null' : `b/${name}`,
        c.current ?? '',
        c.next ?? '',
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, '');
    });
  const text = patches.join('');
  return colour ? colourise(text) : text;
}

function colourise(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return styleText('bold', line);
      if (line.startsWith('+')) return styleText('green', line);
      if (line.startsWith('-')) return styleText('red', line);
      if (line.startsWith('@@')) return styleText('cyan', line);
      return line;
    })
    .join('\n');
}
