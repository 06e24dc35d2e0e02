import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The lock file a build holds in its out-dir while it stages and commits its outputs. */
export const lockName = '.octavo.lock';

/** Create-only, never through a symbolic link (O_NOFOLLOW is missing on Windows, where O_EXCL suffices). */
export const exclusiveCreate = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * A lock older than this was left by a build that was killed (or on another machine
 * sharing the folder): writing two files never takes so long.
 */
const staleAfterMs = 10 * 60_000;

/** Lock files this process holds, to tell its own from a dead process's with the same pid (pid 1 in containers). */
const held = new Set<string>();

/** What the lock file holds: who writes, from where, since when. */
export interface LockHolder {
  pid: number;
  hostname: string;
  started: string;
}

/** The file operations the lock uses; a test swaps them. */
export type LockFs = Pick<typeof fsp, 'open' | 'readFile' | 'rename' | 'unlink' | 'link' | 'lstat'>;

/** Another build holds the out-dir's lock and did not let go in time. */
export class OutputLocked extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`another Octavo build${holder ? ` (pid ${holder.pid})` : ''} is writing to ${dir}`);
  }
}

/** The signal fired before the commit: nothing was changed. */
export class OutputInterrupted extends Error {
  constructor() {
    super('interrupted before the outputs were written');
  }
}

/** Throw `OutputInterrupted` when the signal has fired. */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OutputInterrupted();
}

/**
 * Take `dir`'s lock: create it exclusively, or wait up to `waitMs` for its holder
 * to finish. A stale lock (its process is gone from this machine, or it is older
 * than ten minutes) is taken over without a word. Resolves to the release.
 */
export async function acquireLock(
  dir: string,
  options: { waitMs: number; signal?: AbortSignal | undefined; fs: LockFs },
): Promise<() => Promise<void>> {
  const { fs, signal } = options;
  const file = path.join(dir, lockName);
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    stopIfAborted(signal);
    if (await tryCreate(file, fs)) {
      held.add(file);
      return async () => {
        held.delete(file);
        await fs.unlink(file).catch(() => undefined);
      };
    }
    const found = await readLock(file, fs);
    if (!found) continue; // let go between our attempt and the read: try again at once
    if (isStale(file, found)) {
      await takeOver(file, found.raw, fs);
      continue;
    }
    if (Date.now() >= deadline) throw new OutputLocked(dir, found.holder);
    await sleep(Math.min(200, Math.max(0, deadline - Date.now())), undefined, signal ? { signal } : {}).catch(() => {
      throw new OutputInterrupted();
    });
  }
}

/** Create the lock with our pid, host and start time; false when it is there already. */
async function tryCreate(file: string, fs: LockFs): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, exclusiveCreate, 0o644);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), started: new Date().toISOString() };
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** The lock's text and holder (undefined when it cannot be parsed, as while it is being created). */
async function readLock(
  file: string,
  fs: LockFs,
): Promise<{ raw: string; holder: LockHolder | undefined; ageMs: number } | undefined> {
  try {
    const info = await fs.lstat(file);
    // A link planted at the lock's name is never followed: it reads as a lock of nobody.
    const raw = info.isFile() ? await fs.readFile(file, 'utf8') : '';
    return { raw, holder: parseHolder(raw), ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, hostname: host, started } = value as Record<string, unknown>;
    if (!Number.isSafeInteger(pid) || typeof host !== 'string' || typeof started !== 'string') return undefined;
    return { pid: pid as number, hostname: host, started };
  } catch {
    return undefined;
  }
}

function isStale(file: string, found: { holder: LockHolder | undefined; ageMs: number }): boolean {
  if (found.ageMs > staleAfterMs) return true;
  const holder = found.holder;
  if (!holder || holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return !held.has(file);
  return !alive(holder.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process is there, under another user.
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Remove a stale lock, but only the one judged stale: it is renamed aside first (one
 * atomic step), and if what was moved is not what was read, because another build
 * took it over meanwhile, that build's lock is put back.
 */
async function takeOver(file: string, staleText: string, fs: LockFs): Promise<void> {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const info = await fs.lstat(aside);
  const moved = info.isFile() ? await fs.readFile(aside, 'utf8') : '';
  if (moved !== staleText) await fs.link(aside, file).catch(() => undefined);
  await fs.unlink(aside);
}

/** The `code` of a Node system error. */
export function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
