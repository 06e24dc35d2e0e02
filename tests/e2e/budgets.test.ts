/**
 * The budgets a build runs within: sizes checked before reading, nesting checked
 * before parsing, and parsing and layout in a worker that is stopped at its
 * timeout or its memory limit, cleanly and for good. The command line runs in a
 * child process, as a user runs it: a worker left behind would keep it alive.
 */
import { spawnSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildIsolated } from '../../src/core/isolated.js';
import { formatMessages } from '../../src/core/report.js';
import { maxBookBytes, maxSourceBytes } from '../../src/resources/limits.js';
import { copyManuscript, folderHashes, repoRoot, tempDir } from '../helpers/books.js';
import { pathological } from '../helpers/pathological.js';

/** The command line in a child process, with how long it took to exit; killed after `killMs`. */
function octavoTimed(args: string[], cwd: string, killMs = 240_000) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'src/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: killMs,
    env: { ...process.env, SOURCE_DATE_EPOCH: '', OCTAVO_PROGRESS_DELAY: '600000' },
  });
  return {
    code: run.status,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    ms: performance.now() - started,
  };
}

const stackTrace = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** A single-file book whose text is `body`, after four lines of front matter. */
function singleFileBook(body: string): { dir: string; file: string } {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'book.md'), `---\ntitle: Pathological\n---\n\n${body}\n`);
  return { dir, file: 'book.md' };
}

/** The shipped article, 120 times over in forty chapters: a book that takes a while to lay out. */
function largeBook(): string {
  const book = copyManuscript();
  const article = readFileSync(path.join(book, 'article.md'), 'utf8').repeat(3);
  const names = Array.from({ length: 40 }, (_, i) => `part-${String(i + 1).padStart(2, '0')}.md`);
  for (const name of names) writeFileSync(path.join(book, name), article.replace(/^# .*/m, `# ${name}`));
  const yaml = readFileSync(path.join(book, 'book.yaml'), 'utf8');
  writeFileSync(path.join(book, 'book.yaml'), `${yaml.trimEnd()}\n${names.map((n) => `  - ${n}`).join('\n')}\n`);
  return book;
}

describe("cmark's pathological inputs, through the command line", () => {
  // Each builds, or stops with a clear message: refused by the pre-scan before
  // parsing, or stopped at --timeout 10. Either way the process, and so its
  // worker, is gone within 40 s (generous on a shared machine: the budget is
  // the 10 s; a worker left running would hold the process for many minutes).
  test.each(Object.keys(pathological))('%s', (name) => {
    const { dir, file } = singleFileBook(pathological[name]!());
    const run = octavoTimed(['build', file, '--timeout', '10', '--out-dir', 'dist'], dir);
    expect(run.signal).toBeNull();
    expect(run.ms).toBeLessThan(40_000);
    expect(run.stderr).not.toMatch(stackTrace);
    expect(run.stderr).not.toMatch(/internal error/);
    if (run.code === 0) {
      expect(readdirSync(path.join(dir, 'dist')).sort()).toEqual(['pathological.epub', 'pathological.pdf']);
      return;
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^book\.md(:\d+:\d+)?: error: .+ \[(nesting-too-deep|build-timeout|file-too-large)\]\n  hint: .+/m,
    );
    expect(run.stderr).toMatch(/octavo: build failed with 1 error; nothing was written\n$/);
    expect(readdirSync(dir)).toEqual(['book.md']);
  });
});

describe('the wall-clock budget', () => {
  test('--timeout 1 on a large book: stopped, exit 1, a clean message, dist/ as it was', () => {
    const book = largeBook();
    const cwd = path.dirname(book);
    mkdirSync(path.join(cwd, 'dist'));
    writeFileSync(path.join(cwd, 'dist', 'a-state-visit-and-a-selfie.pdf'), 'the last good build');
    writeFileSync(path.join(cwd, 'dist', 'notes.txt'), 'the user’s own file');
    const before = folderHashes(path.join(cwd, 'dist'));

    const run = octavoTimed(['build', 'book', '--timeout', '1'], cwd);
    expect(run.code).toBe(1);
    expect(run.signal).toBeNull();
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^(octavo|book\/part-\d\d\.md|book\/article\.md): error: The build was stopped after 1 s, while .+ \[build-timeout\]\n  hint: .+\n {8}if the book is as it should be, give it more time with --timeout 600 \(0 for no limit\)\noctavo: build failed with 1 error; nothing was written\n$/,
    );
    expect(run.stderr).not.toMatch(stackTrace);
    expect(folderHashes(path.join(cwd, 'dist'))).toEqual(before);
    // Stopped at 1 s, the process exits at once: nothing is left running in it.
    expect(run.ms).toBeLessThan(30_000);
  });

  test('the API: the worker is gone when buildIsolated resolves', async () => {
    const threads = () => Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
    const book = largeBook();
    // A first run starts the threads that stay for good (libuv's pool, the loader's).
    await buildIsolated({ input: book, outDir: tempDir() }, { timeoutSeconds: 0.5 });
    const before = threads();
    const result = await buildIsolated({ input: book, outDir: tempDir() }, { timeoutSeconds: 0.5 });
    expect(result.ok).toBe(false);
    expect(formatMessages(result.files, book)[0]).toMatch(
      /error: The build was stopped after 0.5 s, .+ \[build-timeout\]$/,
    );
    expect(threads()).toBe(before);
  });

  test('--timeout and --max-memory are checked for form', () => {
    const dir = tempDir();
    for (const [args, message] of [
      [['--timeout', 'soon'], '--timeout is in seconds, such as 600 (0: no limit), not soon'],
      [['--timeout=-1'], '--timeout is in seconds, such as 600 (0: no limit), not -1'],
      [['--max-memory', '1.5'], '--max-memory is in megabytes, 16 or more, such as 4096, not 1.5'],
      [['--max-memory', '8'], '--max-memory is in megabytes, 16 or more, such as 4096, not 8'],
    ] as const) {
      for (const command of ['build', 'check']) {
        const run = octavoTimed([command, ...args], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`octavo: ${message}\nRun \`octavo ${command} --help\` for usage.\n`);
      }
    }
  });
});

describe('what the worker cannot be stopped in', () => {
  test('a paragraph of 200 KB with no space builds: the word count stays linear, out of ICU in moments', () => {
    // Intl.Segmenter over the whole paragraph took minutes here, inside ICU, where
    // terminate() does not reach: the process could only be killed (exit 137).
    // U+FFFD, what a parser makes of NUL bytes: no word boundary anywhere, ICU's slowest case.
    const { dir, file } = singleFileBook('\ufffd'.repeat(200_000));
    const run = octavoTimed(['build', file, '--timeout', '60', '--format', 'epub', '--out-dir', 'dist'], dir);
    expect(run.stderr).not.toMatch(/build-timeout|killing the process/);
    expect(run.code).toBe(0);
  });
});

describe('the memory budget', () => {
  test('a worker out of memory is a clean error, exit 1, nothing written', () => {
    const book = copyManuscript();
    const cwd = path.dirname(book);
    const run = octavoTimed(['build', 'book', '--max-memory', '16'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^(octavo|book\/article\.md): error: The build ran out of memory \(16 MB\), while .+ \[build-memory\]\n  hint: .+\n {8}if the book is as it should be, give it more with --max-memory 32\noctavo: build failed with 1 error; nothing was written\n$/,
    );
    expect(run.stderr).not.toMatch(stackTrace);
    expect(readdirSync(cwd)).toEqual(['book']);
  });
});

describe('the nesting pre-scan, in a build and a check', () => {
  test('nesting past the limit is an error at the line and column where it crosses it', () => {
    const book = copyManuscript();
    writeFileSync(path.join(book, 'deep.md'), `# Deep\n\n${'> '.repeat(101)}quoted\n`);
    writeFileSync(path.join(book, 'book.yaml'), `title: Deep\nchapters:\n  - article.md\n  - deep.md\n`);
    const expected = [
      'book/deep.md:3:201: error: Block quotes and lists nested more than 100 deep [nesting-too-deep]',
      '  hint: the Markdown parser slows down sharply with such nesting; a book nests a few levels: this looks like generated or damaged text',
    ].join('\n');
    const built = octavoTimed(['build', 'book'], path.dirname(book));
    expect(built.code).toBe(1);
    expect(built.stderr).toBe(`${expected}\noctavo: build failed with 1 error; nothing was written\n`);
    const checked = octavoTimed(['check', 'book'], path.dirname(book));
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe(`${expected}\noctavo: check failed with 1 error\n`);
  });
});

describe('the size caps, checked before reading', () => {
  test(`a chapter over ${maxSourceBytes / 1024 / 1024} MB is refused unread`, async () => {
    const book = copyManuscript();
    // A sparse file: as large as it says, and it costs nothing unless it is read.
    writeFileSync(path.join(book, 'huge.md'), '');
    truncateSync(path.join(book, 'huge.md'), maxSourceBytes + 1024 * 1024);
    writeFileSync(path.join(book, 'book.yaml'), 'title: Huge\nchapters:\n  - article.md\n  - huge.md\n');
    const result = await buildIsolated({ input: book, outDir: tempDir() }, { timeoutSeconds: 60 });
    expect(result.ok).toBe(false);
    expect(formatMessages(result.files, book)).toEqual([
      'huge.md: error: File too large: 21 MB (the limit for a chapter is 20 MB) [file-too-large]',
      '  hint: split it into several chapters, and keep pictures in image files',
    ]);
  });

  test(`a book over ${maxBookBytes / 1024 / 1024} MB is refused at the chapter that takes it over, none of it read`, async () => {
    const book = copyManuscript();
    const names = ['one.md', 'two.md', 'three.md'];
    for (const name of names) {
      writeFileSync(path.join(book, name), '');
      truncateSync(path.join(book, name), 18 * 1024 * 1024);
    }
    writeFileSync(path.join(book, 'book.yaml'), `title: Long\nchapters:\n${names.map((n) => `  - ${n}\n`).join('')}`);
    const result = await buildIsolated({ input: book, outDir: tempDir() }, { timeoutSeconds: 60 });
    expect(formatMessages(result.files, book)).toEqual([
      'book.yaml:5:5: error: The book is over 50 MB with three.md (54 MB so far), more than Octavo reads [book-too-large]',
      '  hint: build it as several books, or look for generated or pasted text that does not belong',
    ]);
  });

  test('a single-file book or a book.yaml over the cap: one error, and nothing else said about it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'big.md'), '');
    truncateSync(path.join(dir, 'big.md'), maxSourceBytes + 1);
    const single = await buildIsolated({ input: path.join(dir, 'big.md'), outDir: tempDir() }, { timeoutSeconds: 60 });
    expect(formatMessages(single.files, dir)).toEqual([
      'big.md: error: File too large: 20.1 MB (the limit for a chapter is 20 MB) [file-too-large]',
      '  hint: split it into several chapters, and keep pictures in image files',
    ]);
    writeFileSync(path.join(dir, 'book.yaml'), '');
    truncateSync(path.join(dir, 'book.yaml'), maxSourceBytes * 2);
    const folder = await buildIsolated({ input: dir, outDir: tempDir() }, { timeoutSeconds: 60 });
    expect(formatMessages(folder.files, dir)).toEqual([
      'book.yaml: error: File too large: 40 MB (the limit for a book.yaml is 256 KB) [file-too-large]',
      '  hint: book.yaml holds only the book’s metadata; the text goes in the chapters',
    ]);
  });
});

describe('the image pixel cap, read from the header', () => {
  /** A whole PNG (every checksum right) whose header claims `width`×`height`: what a decompression bomb looks like. */
  function pngClaiming(width: number, height: number): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, what react-pdf decodes whole
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(1024))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  test('a 12000×12000 PNG is refused where it is used, before a pixel is decoded', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bomb.png'), pngClaiming(12_000, 12_000));
    writeFileSync(path.join(dir, 'book.md'), '---\ntitle: Bomb\n---\n\n![A bomb](bomb.png)\n');
    const result = await buildIsolated({ input: path.join(dir, 'book.md'), outDir: tempDir() }, { timeoutSeconds: 60 });
    expect(formatMessages(result.files, dir)).toEqual([
      'book.md:5:1: error: Image too large: bomb.png is 12000×12000 pixels, over the 50 megapixels Octavo decodes [image-unsupported]',
      '  hint: scale it down; 300 dpi at the text width needs about 2000 pixels across',
    ]);
  });
});
