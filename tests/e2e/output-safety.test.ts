/**
 * The out-dir through the real command: a build interrupted by a signal, two builds
 * at once, links in dist/. Whatever happens, dist/ holds the last build's files or
 * this one's, whole, and nothing else.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { writeOutputs } from '../../src/core/output.js';
import { formatMessages } from '../../src/core/report.js';
import { copyManuscript, folderHashes, manuscriptDir, tempDir } from '../helpers/books.js';
import { startOctavo } from '../helpers/cli.js';

const name = 'a-state-visit-and-a-selfie';
const epoch = '1700000000';

/** An out-dir holding the last build's outputs (stand-ins) and a file of the user's. */
function lastBuild(names = [`${name}.pdf`, `${name}.epub`]): { out: string; before: Record<string, string> } {
  const out = path.join(tempDir(), 'dist');
  mkdirSync(out);
  for (const file of names) writeFileSync(path.join(out, file), `last build’s ${file}`);
  writeFileSync(path.join(out, 'notes.txt'), 'the user’s own');
  return { out, before: folderHashes(out) };
}

/** A book of about a hundred pages of plain prose: long enough to interrupt while it is laid out. */
function longBook(): string {
  const dir = path.join(tempDir(), 'long');
  mkdirSync(dir);
  const sentence =
    'The water of the basin has been shared differently every year, and the farmers along the river keep their own accounts of who took what, and when.';
  const chapters = Array.from({ length: 30 }, (_, i) => `ch${String(i + 1).padStart(2, '0')}.md`);
  chapters.forEach((file, i) =>
    writeFileSync(
      path.join(dir, file),
      `# Chapter ${i + 1}\n\n${`${sentence} ${sentence} ${sentence}\n\n`.repeat(12)}`,
    ),
  );
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: The Long Book\nlang: en\ndate: 2026-01-01\nchapters:\n${chapters.map((c) => `  - ${c}`).join('\n')}\n`,
  );
  return dir;
}

/** Two books with the same title and different words: they write the same file names. */
function variants(): string[] {
  return ['first', 'second'].map((word) => {
    const book = copyManuscript();
    const article = path.join(book, 'article.md');
    writeFileSync(article, `${readFileSync(article, 'utf8')}\nThe ${word} build.\n`);
    return book;
  });
}

/** Wait for `probe` to hold, looking every 20 ms. */
async function until(probe: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !probe(); await sleep(20)) {
    if (Date.now() - started > 90_000) throw new Error(`gave up waiting for ${what}`);
  }
}

/** The bytes a build of `input` writes, built in this process for comparison. */
async function reference(input: string): Promise<Record<string, string>> {
  const out = tempDir();
  expect((await build({ input, outDir: out, sourceDateEpoch: epoch })).ok).toBe(true);
  return folderHashes(out);
}

const noStackTrace = /^\s+at /m;

describe('a signal', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while the PDF is laid out stops the build: exit %i, dist/ unchanged', async (signal, code) => {
    const { out, before } = lastBuild(['the-long-book.pdf']);
    const run = startOctavo(['build', longBook(), '--format', 'pdf', '-o', out], undefined, {
      OCTAVO_PROGRESS_DELAY: '0',
    });
    await run.stderrHas('octavo: laying out the PDF…');
    // Well inside the layout, where the renderer holds console.error.
    await sleep(1500);
    run.child.kill(signal);
    const ended = await run.ended;
    expect(ended.code).toBe(code);
    expect(ended.stderr).toMatch(new RegExp(`\noctavo: interrupted; ${out}/ is unchanged\n$`));
    expect(ended.stderr).not.toMatch(noStackTrace);
    expect(ended.stdout).toBe('');
    expect(folderHashes(out)).toEqual(before);
  });

  test('with the outputs staged, it removes them and the lock: dist/ unchanged', async () => {
    const { out, before } = lastBuild();
    // The pause with the outputs staged is cut short by the signal.
    const run = startOctavo(['build', manuscriptDir, '-o', out], undefined, { OCTAVO_TEST_PAUSE_MS: '600000' });
    await until(() => readdirSync(out).filter((file) => file.endsWith('.tmp')).length === 2, 'the staged files');
    expect(readdirSync(out)).toContain('.octavo.lock');
    run.child.kill('SIGTERM');
    const ended = await run.ended;
    expect(ended.code).toBe(143);
    expect(ended.stderr).toBe(`octavo: interrupted; ${out}/ is unchanged\n`);
    expect(folderHashes(out)).toEqual(before);
  });

  test('during the commit, it waits for it: both outputs are this build’s, whole', async () => {
    const { out, before } = lastBuild();
    const expected = await reference(manuscriptDir);
    const run = startOctavo(['build', manuscriptDir, '-o', out], undefined, {
      OCTAVO_TEST_PAUSE_MS: '1500',
      SOURCE_DATE_EPOCH: epoch,
    });
    // The hook pauses after the first rename: the PDF is new, the EPUB not yet.
    const pdf = `${name}.pdf`;
    await until(() => folderHashes(out)[pdf] === expected[pdf], 'the PDF to be renamed');
    expect(folderHashes(out)[`${name}.epub`]).toBe(before[`${name}.epub`]);
    run.child.kill('SIGINT');
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.stderr).toBe(`octavo: interrupted after the outputs were written to ${out}/\n`);
    expect(folderHashes(out)).toEqual({ ...expected, 'notes.txt': before['notes.txt'] });
  });
});

describe('two builds into one out-dir', () => {
  test('at once: the pair in dist/ comes whole from one of them; a build that waits too long says so', async () => {
    const books = variants();
    const expected = await Promise.all(books.map(reference));
    const { out, before } = lastBuild();
    // Each holds the lock for at least three seconds, so the writes are likely to meet.
    const env = { OCTAVO_TEST_PAUSE_MS: '1500', SOURCE_DATE_EPOCH: epoch };
    const runs = books.map((book) => startOctavo(['build', book, '-o', out], undefined, env));
    const ended = await Promise.all(runs.map((run) => run.ended));
    for (const run of ended) {
      if (run.code === 0) expect(run.stderr).toBe('');
      else expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/\[output-locked\]\n/)]);
    }
    expect(ended.some((run) => run.code === 0)).toBe(true);
    const pairs = expected.map((hashes) => ({ ...hashes, 'notes.txt': before['notes.txt'] }));
    expect(pairs).toContainEqual(folderHashes(out));
  });

  test('a write that meets another build half-way through its commit waits for it, and then wins whole', async () => {
    const [first, second] = variants();
    const { out, before } = lastBuild();
    const mine = tempDir();
    expect((await build({ input: second!, outDir: mine, sourceDateEpoch: epoch })).ok).toBe(true);
    const expected = await reference(first!);
    const run = startOctavo(['build', first!, '-o', out], undefined, {
      OCTAVO_TEST_PAUSE_MS: '2000',
      SOURCE_DATE_EPOCH: epoch,
    });
    // The other build has renamed its PDF and pauses before its EPUB.
    await until(() => folderHashes(out)[`${name}.pdf`] === expected[`${name}.pdf`], 'the other build’s PDF');
    await writeOutputs(
      readdirSync(mine).map((file) => ({ path: path.join(out, file), bytes: readFileSync(path.join(mine, file)) })),
    );
    expect((await run.ended).code).toBe(0);
    expect(folderHashes(out)).toEqual({ ...folderHashes(mine), 'notes.txt': before['notes.txt'] });
  });

  test('a build that finds the lock held past OCTAVO_LOCK_WAIT says who holds it, and writes nothing', async () => {
    const { out, before } = lastBuild();
    // The first build holds the lock, paused with its outputs staged, until it is stopped.
    const first = startOctavo(['build', manuscriptDir, '-o', out], undefined, { OCTAVO_TEST_PAUSE_MS: '600000' });
    await until(
      () => readdirSync(out).filter((file) => file.endsWith('.tmp')).length === 2,
      'the first build’s staging',
    );
    const second = startOctavo(['build', manuscriptDir, '-f', 'epub', '-o', out], undefined, { OCTAVO_LOCK_WAIT: '0' });
    const refused = await second.ended;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        `${out}: error: Another Octavo build (pid ${first.child.pid}) is writing to ${out}/; try again when it has finished [output-locked]`,
        `  hint: if no build is running, delete ${out}/.octavo.lock`,
        'octavo: build failed with 1 error; nothing was written',
        '',
      ].join('\n'),
    );
    first.child.kill('SIGTERM');
    expect((await first.ended).code).toBe(143);
    expect(folderHashes(out)).toEqual(before);
  });
});

describe('links in the out-dir', () => {
  test('an output name that is a link is replaced; the file it points to is not written', async () => {
    const parent = tempDir();
    const out = path.join(parent, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(parent, 'victim.txt'), 'not the book’s to write');
    symlinkSync('../victim.txt', path.join(out, `${name}.pdf`));
    const result = await build({ input: manuscriptDir, outDir: out, formats: ['pdf'] });
    expect(result.ok).toBe(true);
    expect(readFileSync(path.join(parent, 'victim.txt'), 'utf8')).toBe('not the book’s to write');
    expect(
      readFileSync(path.join(out, `${name}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  test('an out-dir that is a link to a folder is followed, as the user chose it; a link to nothing is refused first', async () => {
    const parent = tempDir();
    mkdirSync(path.join(parent, 'real'));
    symlinkSync('real', path.join(parent, 'dist'));
    expect((await build({ input: manuscriptDir, outDir: path.join(parent, 'dist'), formats: ['epub'] })).ok).toBe(true);
    expect(readdirSync(path.join(parent, 'real'))).toEqual([`${name}.epub`]);

    symlinkSync('gone', path.join(parent, 'dangling'));
    const result = await build({ input: manuscriptDir, outDir: path.join(parent, 'dangling'), formats: ['epub'] });
    expect(result.book).toBeUndefined();
    expect(formatMessages(result.files, parent)).toEqual([
      'dangling: error: The output folder is a symbolic link to nothing (gone) [output-failed]',
      '  hint: create the folder it points to, or pass another --out-dir',
    ]);
  });

  test('a folder at an output’s name fails the build with a clean message; nothing is changed', async () => {
    const { out, before } = lastBuild([`${name}.pdf`]);
    mkdirSync(path.join(out, `${name}.epub`));
    const result = await build({ input: manuscriptDir, outDir: out });
    expect(result.ok).toBe(false);
    expect(formatMessages(result.files, path.dirname(out))).toEqual([
      `dist: error: Could not write to ${out}/: ${name}.epub is a folder; nothing was changed [output-failed]`,
      '  hint: check that the output folder is writable and the disk is not full',
    ]);
    expect(readFileSync(path.join(out, `${name}.pdf`), 'utf8')).toBe(`last build’s ${name}.pdf`);
    expect(readdirSync(out).sort()).toEqual([...Object.keys(before), `${name}.epub`].sort());
  });
});
