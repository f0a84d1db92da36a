import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors';
import { fsReason } from '../util/fs-errors';
import { relative } from '../util/load-ts';
import { checkWritable } from '../util/paths';
import { isRunning } from './write';

/**
 * One writer at a time per output folder: a run that writes takes
 * `<out>/.gen-modules.lock` (created exclusively, holding its pid), and a second
 * run waits for it a bounded time. A lock left by a run that was killed is
 * recognised (its process is gone, or it is older than any run takes) and taken over.
 */

export const LOCK_FILE = '.gen-modules.lock';

export interface LockOptions {
  /** How long to wait for another run, in milliseconds. */
  waitMs?: number;
  /** A lock older than this is stale whatever its holder. */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  started: string;
}

const POLL_MS = 50;

/** Run `work` holding the lock of `outDir` (created if missing). */
export async function withOutputLock<T>(outDir: string, work: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = path.join(outDir, LOCK_FILE);
  checkWritable(outDir);
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UserError(`${relative(outDir)}: cannot create the folder: ${fsReason(error)}; nothing was written`);
  }
  const mine: Holder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  await acquire(lock, mine, options.waitMs ?? 30_000, options.staleMs ?? 10 * 60_000);
  try {
    return await work();
  } finally {
    release(lock, mine);
  }
}

async function acquire(lock: string, mine: Holder, waitMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(lock, mine)) return;
    const seen = readHolder(lock);
    if (seen === 'gone') continue;
    if (isStale(lock, seen, staleMs)) {
      breakLock(lock, seen);
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        seen === 'unreadable'
          ? 'another gen-modules run'
          : `another gen-modules run (pid ${seen.pid} on ${seen.host}, since ${seen.started})`;
      throw new UserError(
        `${relative(lock)}: ${who} is writing this folder; waited ${Math.round(waitMs / 1000)} s. Try again when it is done, or delete the lock file if no run is going on.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function tryCreate(lock: string, mine: Holder): boolean {
  try {
    fs.writeFileSync(lock, JSON.stringify(mine), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UserError(`${relative(lock)}: cannot create the lock file: ${fsReason(error)}; nothing was written`);
  }
}

function readHolder(lock: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    if (typeof holder.pid === 'number' && typeof holder.host === 'string' && typeof holder.started === 'string') return holder as Holder;
  } catch {
    // Written by a run killed between creating the file and writing it, or damaged.
  }
  return 'unreadable';
}

function isStale(lock: string, holder: Holder | 'unreadable', staleMs: number): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(lock).mtimeMs;
  } catch {
    return false;
  }
  if (age > staleMs) return true;
  // An empty lock is being written for a moment; after a second its writer is gone.
  if (holder === 'unreadable') return age > 1000;
  return holder.host === os.hostname() && !isRunning(holder.pid);
}

/** Remove a stale lock, unless another run replaced it since it was read. */
function breakLock(lock: string, seen: Holder | 'unreadable'): void {
  const now = readHolder(lock);
  if (now === 'gone') return;
  if (JSON.stringify(now) !== JSON.stringify(seen)) return;
  fs.rmSync(lock, { force: true });
}

function release(lock: string, mine: Holder): void {
  const now = readHolder(lock);
  if (now !== 'gone' && now !== 'unreadable' && now.pid === mine.pid && now.started === mine.started) fs.rmSync(lock, { force: true });
}
