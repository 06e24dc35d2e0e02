/**
 * writeOutputs, the one place Octavo writes a build: all or nothing, never through
 * a link, under a lock, and stoppable before its commit but not during it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import {
  lockName,
  OutputInterrupted,
  OutputLocked,
  writeOutputs,
  writeProblem,
  type OutputFs,
} from '../../src/core/output.js';
import { exclusiveCreate } from '../../src/core/output-lock.js';
import { folderHashes, tempDir } from '../helpers/books.js';

const text = (value: string) => new TextEncoder().encode(value);

/** A folder with last build's two outputs and a file of the user's. */
function lastBuild(): { dir: string; pdf: string; epub: string; before: Record<string, string> } {
  const dir = tempDir();
  const pdf = path.join(dir, 'book.pdf');
  const epub = path.join(dir, 'book.epub');
  writeFileSync(pdf, 'old pdf');
  writeFileSync(epub, 'old epub');
  writeFileSync(path.join(dir, 'notes.txt'), 'the user’s own');
  return { dir, pdf, epub, before: folderHashes(dir) };
}

function lock(dir: string, holder: object, ageMinutes = 0): string {
  const file = path.join(dir, lockName);
  writeFileSync(file, JSON.stringify(holder));
  const when = new Date(Date.now() - ageMinutes * 60_000);
  utimesSync(file, when, when);
  return file;
}

/** A pid that was alive a moment ago and is not now. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  if (!pid) throw new Error('no child pid');
  return pid;
}

/**
 * An `open` whose `nth` temporary file is created but written to /dev/full: a real
 * ENOSPC from the kernel, no root or mount needed.
 */
function diskFullAt(nth: number): { open: OutputFs['open']; opened: () => number } {
  let opened = 0;
  const open: OutputFs['open'] = async (file, flags, mode) => {
    const handle = await fsp.open(file, flags, mode);
    if (!String(file).endsWith('.tmp') || ++opened < nth) return handle;
    await handle.close();
    return fsp.open('/dev/full', 'w');
  };
  return { open, opened: () => opened };
}

describe('all or nothing', () => {
  test('a full disk removes every temporary file and the lock, and leaves the folder as it was', async () => {
    const { dir, pdf, epub, before } = lastBuild();
    const { open, opened } = diskFullAt(2);
    const error = await writeOutputs(
      [
        { path: pdf, bytes: text('new pdf') },
        { path: epub, bytes: text('new epub') },
      ],
      { fs: { open } },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOSPC' });
    expect(opened()).toBe(2);
    expect(folderHashes(dir)).toEqual(before);
    expect(writeProblem(error, 'dist/')).toEqual({
      reason: 'Could not write to dist/: the disk is full; nothing was changed',
      hint: 'free some space, or pass another --out-dir',
      ruleId: 'output-failed',
    });
  });

  test('a failed write into a new folder leaves no folder behind', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'new', 'dist');
    const write = writeOutputs([{ path: path.join(dir, 'a.pdf'), bytes: text('a') }], { fs: diskFullAt(1) });
    await expect(write).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(parent)).toEqual([]);
  });

  test('a folder at an output’s name is refused before anything is renamed', async () => {
    const { dir, pdf, before } = lastBuild();
    await fsp.mkdir(path.join(dir, 'book.epub.d'));
    const outputs = [
      { path: pdf, bytes: text('new pdf') },
      { path: path.join(dir, 'book.epub.d'), bytes: text('new epub') },
    ];
    const error = await writeOutputs(outputs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(writeProblem(error, 'dist/').reason).toBe(
      'Could not write to dist/: book.epub.d is a folder; nothing was changed',
    );
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(before), 'book.epub.d'].sort());
    expect(readFileSync(pdf, 'utf8')).toBe('old pdf');
  });

  test('a rename that fails half-way says how many outputs were replaced', async () => {
    const { dir, pdf, epub } = lastBuild();
    let renames = 0;
    const rename: OutputFs['rename'] = async (from, to) => {
      if (++renames === 2) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return fsp.rename(from, to);
    };
    const outputs = [
      { path: pdf, bytes: text('new pdf') },
      { path: epub, bytes: text('new epub') },
    ];
    const error = await writeOutputs(outputs, { fs: { rename } }).catch((e: unknown) => e);
    expect(writeProblem(error, 'dist/').reason).toBe(
      'Could not write to dist/: EIO: i/o error, rename; 1 of 2 outputs were replaced',
    );
    expect(readFileSync(pdf, 'utf8')).toBe('new pdf');
    expect(readFileSync(epub, 'utf8')).toBe('old epub');
    expect(readdirSync(dir).sort()).toEqual(['book.epub', 'book.pdf', 'notes.txt']);
  });
});

describe('links', () => {
  test('an output that is a symbolic link is replaced by the file; what it points to is not written', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'dist');
    const victim = path.join(parent, 'victim.txt');
    writeFileSync(victim, 'not yours');
    await fsp.mkdir(dir);
    symlinkSync('../victim.txt', path.join(dir, 'book.pdf'));
    await writeOutputs([{ path: path.join(dir, 'book.pdf'), bytes: text('%PDF new') }]);
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect((await fsp.lstat(path.join(dir, 'book.pdf'))).isFile()).toBe(true);
    expect(readFileSync(path.join(dir, 'book.pdf'), 'utf8')).toBe('%PDF new');
  });

  test('temporary files and the lock are created exclusively: a link planted at the name is not followed', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'victim.txt'), 'not yours');
    symlinkSync('victim.txt', path.join(dir, 'planted'));
    await expect(fsp.open(path.join(dir, 'planted'), exclusiveCreate)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('not yours');
    // …and it is how both are opened, under names no one can guess ahead.
    const opened: [string, unknown][] = [];
    const open: OutputFs['open'] = async (file, flags, mode) => {
      opened.push([path.basename(String(file)), flags]);
      return fsp.open(file, flags, mode);
    };
    await writeOutputs([{ path: path.join(dir, 'a.pdf'), bytes: text('a') }], { fs: { open } });
    expect(opened).toEqual([
      [lockName, exclusiveCreate],
      [expect.stringMatching(/^\.a\.pdf\.[0-9a-f]{16}\.tmp$/), exclusiveCreate],
    ]);
  });
});

describe('the signal', () => {
  test('before the commit, it removes what was staged and changes nothing', async () => {
    const { dir, pdf, epub, before } = lastBuild();
    const controller = new AbortController();
    let opened = 0;
    const open: OutputFs['open'] = async (file, flags, mode) => {
      if (String(file).endsWith('.tmp') && ++opened === 2) controller.abort();
      return fsp.open(file, flags, mode);
    };
    const outputs = [
      { path: pdf, bytes: text('new pdf') },
      { path: epub, bytes: text('new epub') },
    ];
    await expect(writeOutputs(outputs, { signal: controller.signal, fs: { open } })).rejects.toBeInstanceOf(
      OutputInterrupted,
    );
    expect(folderHashes(dir)).toEqual(before);
  });

  test('during the commit, it waits: both outputs are replaced', async () => {
    const { dir, pdf, epub } = lastBuild();
    const controller = new AbortController();
    const rename: OutputFs['rename'] = async (from, to) => {
      controller.abort();
      return fsp.rename(from, to);
    };
    const outputs = [
      { path: pdf, bytes: text('new pdf') },
      { path: epub, bytes: text('new epub') },
    ];
    await writeOutputs(outputs, { signal: controller.signal, fs: { rename } });
    expect(controller.signal.aborted).toBe(true);
    expect([readFileSync(pdf, 'utf8'), readFileSync(epub, 'utf8')]).toEqual(['new pdf', 'new epub']);
    expect(readdirSync(dir).sort()).toEqual(['book.epub', 'book.pdf', 'notes.txt']);
  });
});

describe('the lock', () => {
  test('is held while the outputs are staged and committed, and removed after', async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const rename: OutputFs['rename'] = async (from, to) => {
      seen.push(readFileSync(path.join(dir, lockName), 'utf8'));
      return fsp.rename(from, to);
    };
    await writeOutputs([{ path: path.join(dir, 'a.pdf'), bytes: text('a') }], { fs: { rename } });
    expect(seen.map((raw) => JSON.parse(raw) as object)).toEqual([
      { pid: process.pid, hostname: hostname(), started: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });

  test('a live build’s lock is waited for, then refused with its pid', async () => {
    const { dir, pdf, before } = lastBuild();
    const holder = { pid: process.ppid, hostname: hostname(), started: new Date().toISOString() };
    lock(dir, holder);
    const started = Date.now();
    const error = await writeOutputs([{ path: pdf, bytes: text('new') }], { lockWaitMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toBeInstanceOf(OutputLocked);
    expect(writeProblem(error, 'dist/')).toEqual({
      reason: `Another Octavo build (pid ${process.ppid}) is writing to dist/; try again when it has finished`,
      hint: `if no build is running, delete ${path.join('dist', lockName)}`,
      ruleId: 'output-locked',
    });
    // The other build's lock is still there; nothing else changed.
    expect(readdirSync(dir).sort()).toEqual([lockName, ...Object.keys(before)].sort());
  });

  test('a lock let go while waiting is taken', async () => {
    const { dir, pdf } = lastBuild();
    const file = lock(dir, { pid: process.ppid, hostname: hostname(), started: new Date().toISOString() });
    setTimeout(() => void fsp.unlink(file), 300);
    await writeOutputs([{ path: pdf, bytes: text('new') }], { lockWaitMs: 10_000 });
    expect(readFileSync(pdf, 'utf8')).toBe('new');
    expect(existsSync(file)).toBe(false);
  });

  test('a write that meets another half-way through its commit waits for it, in one process too', async () => {
    const dir = tempDir();
    const pair = (word: string) => [
      { path: path.join(dir, 'a.pdf'), bytes: text(`${word} pdf`) },
      { path: path.join(dir, 'a.epub'), bytes: text(`${word} epub`) },
    ];
    let halfWay!: () => void;
    const paused = new Promise<void>((resolve) => (halfWay = resolve));
    let renames = 0;
    const rename: OutputFs['rename'] = async (from, to) => {
      await fsp.rename(from, to);
      if (++renames === 1) {
        halfWay();
        await sleep(300);
      }
    };
    const first = writeOutputs(pair('first'), { fs: { rename } });
    await paused;
    await writeOutputs(pair('second'));
    await first;
    expect([readFileSync(path.join(dir, 'a.pdf'), 'utf8'), readFileSync(path.join(dir, 'a.epub'), 'utf8')]).toEqual([
      'second pdf',
      'second epub',
    ]);
  });

  test.each([
    ['a dead process on this machine', () => ({ pid: deadPid(), hostname: hostname(), started: '' }), 0],
    [
      'this process, which does not hold it (pid 1 again in a new container)',
      () => ({ pid: process.pid, hostname: hostname(), started: '' }),
      0,
    ],
    ['another machine, eleven minutes ago', () => ({ pid: 1, hostname: 'elsewhere', started: '' }), 11],
    ['nobody readable, eleven minutes ago', () => ({}), 11],
  ])('a stale lock of %s is taken over without a word', async (_, holder, age) => {
    const { dir, pdf } = lastBuild();
    lock(dir, holder(), age);
    await writeOutputs([{ path: pdf, bytes: text('new') }], { lockWaitMs: 0 });
    expect(readFileSync(pdf, 'utf8')).toBe('new');
    expect(readdirSync(dir)).not.toContain(lockName);
  });

  test('a fresh lock from another machine, or unreadable, is not taken over', async () => {
    for (const holder of [{ pid: 1, hostname: 'elsewhere', started: '' }, {}]) {
      const { dir, pdf } = lastBuild();
      lock(dir, holder);
      const error = await writeOutputs([{ path: pdf, bytes: text('new') }], { lockWaitMs: 0 }).catch((e) => e);
      expect(error).toBeInstanceOf(OutputLocked);
      expect(readFileSync(pdf, 'utf8')).toBe('old pdf');
    }
    expect(
      writeProblem(new OutputLocked('dist/', { pid: 7, hostname: 'elsewhere', started: '' }), 'dist/').reason,
    ).toBe('Another Octavo build (pid 7 on elsewhere) is writing to dist/; try again when it has finished');
  });
});
