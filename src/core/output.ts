import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  acquireLock,
  codeOf,
  exclusiveCreate,
  lockName,
  OutputLocked,
  stopIfAborted,
  type LockFs,
} from './output-lock.js';

export { lockName, OutputInterrupted, OutputLocked } from './output-lock.js';

/** One file to write. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/** The file operations writeOutputs uses; a test swaps one to fill the disk. */
export type OutputFs = LockFs & Pick<typeof fsp, 'mkdir' | 'rmdir'>;

export interface WriteOptions {
  /**
   * Stops the write. Before the commit, every staged file is removed, nothing is
   * changed, and the write rejects with `OutputInterrupted`; once the commit has
   * begun it runs to the end, so the folder never holds half a build.
   */
  signal?: AbortSignal | undefined;
  /** How long to wait for another build's lock on the folder. Default: `OCTAVO_LOCK_WAIT` ms, else 10 s. */
  lockWaitMs?: number;
  /** Replacements for the file operations. Default: node:fs/promises. */
  fs?: Partial<OutputFs>;
}

/**
 * Write every output or none. Under the folder's lock, each output is written in
 * full to a new temporary file beside it (created exclusively, never through a
 * link, under an unguessable name) and synced; only then are they all renamed over
 * the old files, one after another with nothing else between. A rename replaces a
 * symbolic link at the final name; it never writes to where the link points.
 * A failure, or the signal, before the commit removes every temporary file and
 * leaves the folder as it was.
 */
export async function writeOutputs(outputs: readonly OutputFile[], options: WriteOptions = {}): Promise<void> {
  const fs: OutputFs = { ...fsp, ...options.fs };
  const { signal } = options;
  const waitMs = options.lockWaitMs ?? lockWait();
  const dirs = [...new Set(outputs.map((output) => path.dirname(output.path)))].sort();
  const releases: (() => Promise<void>)[] = [];
  const release = async (): Promise<void> => {
    for (const letGo of releases.splice(0).reverse()) await letGo();
  };
  const created: { dir: string; top: string }[] = [];
  const staged: { temp: string; final: string }[] = [];
  let renamed = 0;
  try {
    stopIfAborted(signal);
    for (const dir of dirs) {
      const top = await fs.mkdir(dir, { recursive: true });
      if (top) created.push({ dir, top });
      releases.push(await acquireLock(dir, { waitMs, signal, fs }));
    }
    for (const output of outputs) await stage(output, staged, fs, signal);
    await refuseFolders(staged, fs);
    await testPause(signal);
    stopIfAborted(signal);
    // The commit: from here on the signal is not looked at, so it cannot leave one
    // output new and the other old.
    for (const { temp, final } of staged) {
      await fs.rename(temp, final);
      renamed += 1;
      if (renamed === 1 && staged.length > 1) await testPause(undefined);
    }
    await Promise.all(dirs.map(syncFolder));
  } catch (error) {
    // The files already renamed are whole and stay; every other temporary file goes,
    // and so do the folders made for them.
    await Promise.all(staged.slice(renamed).map(({ temp }) => fs.unlink(temp).catch(() => undefined)));
    await release();
    if (renamed === 0) for (const folder of created) await removeEmpty(folder, fs);
    throw renamed > 0 ? new PartlyWritten(error, renamed, staged.length) : error;
  }
  await release();
}

/** Remove `dir` and its parents up to `top`, as long as they are empty. */
async function removeEmpty({ dir, top }: { dir: string; top: string }, fs: OutputFs): Promise<void> {
  for (let folder = dir; ; folder = path.dirname(folder)) {
    if (
      !(await fs.rmdir(folder).then(
        () => true,
        () => false,
      )) ||
      folder === top
    )
      return;
  }
}

/**
 * A rename failed half-way through the commit (all renames are in one folder, and a
 * folder in the way is refused before, so this takes a failing disk): say so.
 */
export class PartlyWritten extends Error {
  constructor(
    readonly error: unknown,
    readonly renamed: number,
    readonly total: number,
  ) {
    super(`${messageOf(error)}; ${renamed} of ${total} outputs were replaced`);
  }
}

/** Write one output to its temporary file and sync it; the file is recorded in `staged` as soon as it exists. */
async function stage(
  output: OutputFile,
  staged: { temp: string; final: string }[],
  fs: OutputFs,
  signal: AbortSignal | undefined,
): Promise<void> {
  const dir = path.dirname(output.path);
  const temp = path.join(dir, `.${path.basename(output.path)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await fs.open(temp, exclusiveCreate, 0o666);
  staged.push({ temp, final: output.path });
  try {
    await handle.writeFile(output.bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  stopIfAborted(signal);
}

/** A folder at an output's name would fail its rename half-way through the commit: refuse it before. */
async function refuseFolders(staged: readonly { final: string }[], fs: OutputFs): Promise<void> {
  for (const { final } of staged) {
    const info = await fs.lstat(final).catch(() => undefined);
    if (info?.isDirectory()) throw new Error(`${path.basename(final)} is a folder`);
  }
}

/** Make the renames themselves durable; a system that cannot sync a folder (Windows) skips it. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/** `OCTAVO_LOCK_WAIT` in ms, default 10 000. */
function lockWait(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.OCTAVO_LOCK_WAIT);
  return env.OCTAVO_LOCK_WAIT !== undefined && Number.isFinite(value) && value >= 0 ? value : 10_000;
}

/**
 * For tests of interruption only: `OCTAVO_TEST_PAUSE_MS` waits that long with the
 * outputs staged (the signal cuts it short) and again after the first rename of the
 * commit (it does not), so a test can send a signal at either point. Unset, it does
 * nothing; set, it only makes a build slower.
 */
async function testPause(signal: AbortSignal | undefined): Promise<void> {
  const ms = Number(process.env.OCTAVO_TEST_PAUSE_MS);
  if (!(ms > 0)) return;
  await sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}

/** What went wrong writing, as `writeProblem` says it. */
export interface WriteProblem {
  reason: string;
  hint: string;
  ruleId: 'output-failed' | 'output-locked';
}

/** A write that failed in another thread (a build in a worker writes from the main thread), as that thread put it. */
export class WriteFailed extends Error {
  constructor(readonly problem: WriteProblem) {
    super(problem.reason);
  }
}

/** What went wrong writing, in words a user can act on, with the rule it falls under. */
export function writeProblem(error: unknown, dir: string): WriteProblem {
  if (error instanceof WriteFailed) return error.problem;
  if (error instanceof OutputLocked) {
    const holder = error.holder;
    const where = holder && holder.hostname !== hostname() ? ` on ${holder.hostname}` : '';
    return {
      reason: `Another Octavo build${holder ? ` (pid ${holder.pid}${where})` : ''} is writing to ${dir}; try again when it has finished`,
      hint: `if no build is running, delete ${path.join(dir, lockName)}`,
      ruleId: 'output-locked',
    };
  }
  const cause = error instanceof PartlyWritten ? error.error : error;
  const code = codeOf(cause);
  const what: Record<string, [string, string]> = {
    ENOSPC: ['the disk is full', 'free some space, or pass another --out-dir'],
    EDQUOT: ['the disk quota is used up', 'free some space, or pass another --out-dir'],
    EROFS: ['the disk is read-only', 'pass another --out-dir'],
    EACCES: ['permission denied', 'pass a folder you can write to as --out-dir'],
    EPERM: ['permission denied', 'pass a folder you can write to as --out-dir'],
  };
  const [reason, hint] = (code && what[code]) || [
    messageOf(cause),
    'check that the output folder is writable and the disk is not full',
  ];
  const outcome =
    error instanceof PartlyWritten ? `${error.renamed} of ${error.total} outputs were replaced` : 'nothing was changed';
  return { reason: `Could not write to ${dir}: ${reason}; ${outcome}`, hint, ruleId: 'output-failed' };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
