import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { copyManuscript, manuscriptDir, repoRoot, tempDir } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';

describe('octavo', () => {
  test('--help and --version', () => {
    const help = octavo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: octavo <command> \[options\]\n/);
    const version = octavo(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  test('build writes both formats and prints one line per output', () => {
    const out = tempDir();
    const run = octavo(['build', manuscriptDir, '--out-dir', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^wrote .*a-state-visit-and-a-selfie\.pdf \(\d+ pages?, \d+ KB\) in \d+\.\d\d s$/);
    expect(lines[1]).toMatch(/^wrote .*a-state-visit-and-a-selfie\.epub \(\d+ KB\) in \d+\.\d\d s$/);
    expect(lines[2]).toMatch(/^done in \d+\.\d\d s$/);
    expect(existsSync(path.join(out, 'a-state-visit-and-a-selfie.pdf'))).toBe(true);
    expect(existsSync(path.join(out, 'a-state-visit-and-a-selfie.epub'))).toBe(true);
  });

  test('the input defaults to manuscript/ and the out-dir to dist/, from the working folder', () => {
    const cwd = path.dirname(copyManuscript());
    renameSync(path.join(cwd, 'book'), path.join(cwd, 'manuscript'));
    const run = octavo(['build', '--format', 'epub', '--quiet'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(cwd, 'dist', 'a-state-visit-and-a-selfie.epub'))).toBe(true);
  });

  test('a bad book.yaml: its messages at file:line:col, exit 1, nothing written', () => {
    const book = copyManuscript();
    const yaml = path.join(book, 'book.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('lang: en', 'lang: English'));
    const out = tempDir();
    const run = octavo(['build', book, '--out-dir', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /book\.yaml:4:7: error: `lang` must be a BCP 47 language tag .* \[book-yaml-invalid\]\n  hint: /,
    );
    expect(run.stderr).toMatch(/octavo: build failed with 1 error; nothing was written\n$/);
    expect(run.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  test('--strict fails on warnings', () => {
    const book = copyManuscript();
    writeFileSync(path.join(book, 'book.yaml'), readFileSync(path.join(book, 'book.yaml'), 'utf8') + 'colour: red\n');
    const loose = octavo(['build', book, '--format', 'epub', '--out-dir', tempDir()]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toMatch(/warning: Unknown key `colour`/);
    const strict = octavo(['build', book, '--format', 'epub', '--out-dir', tempDir(), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/build failed with 1 warning under --strict/);
  });

  test.each([
    [['frobnicate'], /^octavo: unknown command: frobnicate\nRun `octavo --help` for usage\.\n$/],
    [['--format', 'pdf'], /^octavo: unknown command: --format \(options go after the command/],
    [['build', '--format', 'docx'], /^octavo: --format must be pdf, epub or all, not docx\nRun `octavo build --help`/],
    [['build', '--colour'], /^octavo: unknown option --colour\n/],
    [['build', '--formt', 'pdf'], /^octavo: unknown option --formt; did you mean --format\?\n/],
    [['build', 'a', 'b'], /^octavo: unexpected argument: b\n/],
    [['build', '--jobs', '0'], /^octavo: --jobs is a number of threads, 1 or more, not 0\nRun `octavo build --help`/],
    [
      ['watch', '--jobs', 'two'],
      /^octavo: --jobs is a number of threads, 1 or more, not two\nRun `octavo watch --help`/,
    ],
    [['init', 'a', 'b'], /^octavo: unexpected argument: b\nRun `octavo init --help`/],
    [['help', 'frobnicate'], /^octavo: no help for frobnicate: it is not a command\n/],
    [[], /^octavo: no command given\n/],
  ])('usage errors exit with 2: %j', (args, message) => {
    const run = octavo(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  test.each([
    [['build', '--help'], /^Usage: octavo build \[input\] \[options\]\n[\s\S]*--impose <how>[\s\S]*--json/],
    [['help', 'build'], /^Usage: octavo build \[input\] \[options\]\n/],
    [['init', '--help'], /^Usage: octavo init \[folder\] \[options\]\n[\s\S]*No\s+file is ever overwritten/],
    [['help'], /^Usage: octavo <command> \[options\]\n[\s\S]*build \[input\][\s\S]*init \[folder\]/],
  ])('help for each command: %j', (args, text) => {
    const run = octavo(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(text);
    expect(run.stdout).toMatch(/Exit codes: 0 [^\n]*, 1 [\s\S]*2 the command line is wrong\./);
  });

  test('--json: one report on stdout, with outputs, pages, sizes, timings and messages', () => {
    const book = copyManuscript();
    writeFileSync(path.join(book, 'book.yaml'), readFileSync(path.join(book, 'book.yaml'), 'utf8') + 'colour: red\n');
    const out = tempDir();
    const run = octavo(['build', book, '--out-dir', out, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.outputs.map((o: { format: string }) => o.format)).toEqual(['pdf', 'epub']);
    expect(report.outputs[0]).toMatchObject({ pages: 2, path: path.join(out, 'a-state-visit-and-a-selfie.pdf') });
    expect(report.outputs[0].bytes).toBe(readFileSync(report.outputs[0].path).byteLength);
    expect(report.timings.totalMs).toBeGreaterThan(0);
    expect(report.messages).toEqual([
      expect.objectContaining({
        file: path.join(book, 'book.yaml'),
        line: 12,
        column: 1,
        severity: 'warning',
        rule: 'book-yaml-unknown-key',
        reason: expect.stringMatching(/^Unknown key `colour`/),
      }),
    ]);
    const failed = octavo(['build', book, '--out-dir', out, '--json', '--strict']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, outputs: [] });
  });

  test('progress: a plain line per step when stderr is not a terminal, after a delay', () => {
    const run = octavo(['build', manuscriptDir, '--out-dir', tempDir()], repoRoot, { OCTAVO_PROGRESS_DELAY: '0' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'octavo: reading 1 chapter…\noctavo: laying out the PDF…\noctavo: packaging the EPUB…\noctavo: writing 2 files…\n',
    );
    const quiet = octavo(['build', manuscriptDir, '--out-dir', tempDir(), '-q'], repoRoot, {
      OCTAVO_PROGRESS_DELAY: '0',
    });
    expect(quiet.stderr).toBe('');
  });
});

describe('octavo init', () => {
  test('a new book that builds at once, with no message', () => {
    const cwd = tempDir();
    const created = octavo(['init', 'my-first_book'], cwd, { SOURCE_DATE_EPOCH: '1767571200' });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created my-first_book\/01-first-steps\.md\n/);
    expect(created.stdout).toMatch(/Build it with `octavo build my-first_book`/);
    const yaml = readFileSync(path.join(cwd, 'my-first_book', 'book.yaml'), 'utf8');
    expect(yaml).toMatch(/^title: My First Book$/m);
    expect(yaml).toMatch(/^date: 2026-01-05$/m);
    const built = octavo(['build', 'my-first_book'], cwd);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(readdirSync(path.join(cwd, 'dist')).sort()).toEqual(['my-first-book.epub', 'my-first-book.pdf']);
  });

  test('--title, and a title that needs quoting in YAML', () => {
    const cwd = tempDir();
    expect(octavo(['init', 'x', '--title', 'Notes: a "first" draft'], cwd).code).toBe(0);
    expect(readFileSync(path.join(cwd, 'x', 'book.yaml'), 'utf8')).toMatch(/^title: 'Notes: a "first" draft'$/m);
    expect(octavo(['build', 'x', '--format', 'epub'], cwd).code).toBe(0);
  });

  test('without a folder: an empty working folder, never one with files in it', () => {
    const empty = tempDir();
    expect(octavo(['init'], empty).code).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(['01-first-steps.md', '02-pictures-and-notes.md', 'book.yaml', 'images']);
    const busy = tempDir();
    writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const run = octavo(['init'], busy);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^octavo: the working folder is not empty.*`octavo init my-book`\n$/);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
  });

  test('never overwrites: one file in the way and nothing is written', () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'book'));
    writeFileSync(path.join(cwd, 'book', 'book.yaml'), 'title: Mine\n');
    const run = octavo(['init', 'book'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'book/book.yaml: error: already exists; octavo init never overwrites a file\n' +
        'octavo: nothing was written; choose another folder, as in `octavo init my-book`\n',
    );
    expect(readdirSync(path.join(cwd, 'book'))).toEqual(['book.yaml']);
    expect(readFileSync(path.join(cwd, 'book', 'book.yaml'), 'utf8')).toBe('title: Mine\n');
  });
});

describe('octavo build, every option through the real command', () => {
  const pdfBoxes = async (file: string) => {
    const doc = await PDFDocument.load(readFileSync(file));
    const page = doc.getPage(0);
    return { pages: doc.getPageCount(), size: page.getSize(), trim: page.getTrimBox(), media: page.getMediaBox() };
  };
  test.each([
    [['--format', 'pdf'], ['a-state-visit-and-a-selfie.pdf']],
    [['--format', 'epub'], ['a-state-visit-and-a-selfie.epub']],
    [
      ['-f', 'all'],
      ['a-state-visit-and-a-selfie.epub', 'a-state-visit-and-a-selfie.pdf'],
    ],
    [['--profile', 'handout'], ['a-state-visit-and-a-selfie-handout.pdf']],
    [
      ['--profile', 'handout', '--format', 'all'],
      ['a-state-visit-and-a-selfie-handout.epub', 'a-state-visit-and-a-selfie-handout.pdf'],
    ],
    [['--paper', 'letter', '--format', 'pdf'], ['a-state-visit-and-a-selfie.pdf']],
    [['--impose', '2up'], ['a-state-visit-and-a-selfie-2up.pdf']],
    [['--impose', '4up'], ['a-state-visit-and-a-selfie-4up.pdf']],
    [['--impose', 'booklet'], ['a-state-visit-and-a-selfie-booklet.pdf']],
    [['--marks', '--bleed', '5'], ['a-state-visit-and-a-selfie.pdf']],
    [
      ['--chapters', '1'],
      ['a-state-visit-and-a-selfie-ch1.epub', 'a-state-visit-and-a-selfie-ch1.pdf'],
    ],
    [
      ['--sections', 'Banter', '--sections', 'Strategic', '-f', 'pdf'],
      ['a-state-visit-and-a-selfie-banter-strategic.pdf'],
    ],
  ])('%j', async (args, files) => {
    const out = tempDir();
    const run = octavo(['build', manuscriptDir, '-o', out, ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(files);
    expect(run.stdout.match(/^wrote /gm)).toHaveLength(files.length);
    const pdf = files.find((file) => file.endsWith('.pdf'));
    if (!pdf) return;
    const facts = await pdfBoxes(path.join(out, pdf));
    const flag = args.join(' ');
    if (flag.includes('letter')) expect(facts.size).toEqual({ width: 612, height: 792 });
    if (flag.includes('2up')) expect([facts.pages, facts.size.width > facts.size.height]).toEqual([1, true]);
    if (flag.includes('4up')) expect([facts.pages, facts.size.width < facts.size.height]).toEqual([1, true]);
    if (flag.includes('booklet')) expect(facts.pages).toBe(2);
    if (flag.includes('--marks')) {
      const bleed = (5 * 72) / 25.4;
      expect([facts.trim.x, facts.trim.y]).toEqual([0, 0]);
      expect(facts.trim.width).toBeCloseTo(595.28, 2);
      expect(facts.trim.height).toBeCloseTo(841.89, 2);
      expect(facts.media.x).toBeLessThan(-bleed);
    }
    if (flag.includes('--sections')) expect(facts.pages).toBe(1);
  });

  test('from the README, as a new user runs it: npx octavo init, then npx octavo build', () => {
    const dir = tempDir();
    const npx = (args: string[]) =>
      spawnSync('npx', ['--no-install', 'octavo', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, OCTAVO_PROGRESS_DELAY: '600000' },
      });
    expect(npx(['init', path.join(dir, 'demo')]).status).toBe(0);
    const built = npx(['build', path.join(dir, 'demo'), '-o', path.join(dir, 'dist')]);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(readdirSync(path.join(dir, 'dist')).sort()).toEqual(['demo.epub', 'demo.pdf']);
  });
});

describe('octavo check', () => {
  const planted = path.join(repoRoot, 'tests/fixtures/check-book');

  test('the planted problems on stdout, at file:line:col with rule ids, exit 1 on an error, nothing written', () => {
    const cwd = tempDir();
    const run = octavo(['check', planted], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const findings = run.stdout.split('\n').filter((line) => /^\S.*: (error|warning): /.test(line));
    expect(findings.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1])).toEqual([
      'heading-skip',
      'link-broken',
      'image-alt-missing',
      'image-low-resolution',
      'image-missing',
      'glyph-missing',
      'html-raw',
      'footnote-undefined',
      'footnote-unused',
      'paragraph-long',
      'heading-duplicate',
    ]);
    expect(findings[0]).toMatch(/check-book\/one\.md:7:1: warning: Heading level skips from ## to ####/);
    expect(run.stdout).toMatch(/\noctavo: check failed with 1 error and 10 warnings\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('a clean book: exit 0 and one summary line; --strict fails on a warning', () => {
    const clean = octavo(['check', manuscriptDir]);
    expect([clean.code, clean.stdout]).toEqual([0, 'octavo: no problems found in the book\n']);
    const book = copyManuscript();
    writeFileSync(path.join(book, 'book.yaml'), readFileSync(path.join(book, 'book.yaml'), 'utf8') + 'colour: red\n');
    const loose = octavo(['check', book]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(
      /book\.yaml:12:1: warning: Unknown key `colour`.*\n[\s\S]*octavo: 1 warning in the book\n$/,
    );
    const strict = octavo(['check', book, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/octavo: check failed with 1 warning under --strict\n$/);
    const json = octavo(['check', book, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      messages: [{ rule: 'book-yaml-unknown-key', line: 12 }],
    });
    expect(octavo(['check', book, '-q']).stdout).toMatch(/\[book-yaml-unknown-key\]\n  hint: [^\n]*\n$/);
  });

  test('an EPUB: valid, or its EPUBCheck errors at the entry and line', async () => {
    const out = tempDir();
    expect(octavo(['build', manuscriptDir, '-o', out, '-f', 'epub', '-q']).code).toBe(0);
    const file = path.join(out, 'a-state-visit-and-a-selfie.epub');
    const valid = octavo(['check', file]);
    expect([valid.code, valid.stdout]).toEqual([0, 'octavo: no problems found in the EPUB\n']);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const chapter = Object.keys(zip.files).find((name) => name.endsWith('ch01.xhtml')) ?? '';
    const xhtml = await zip.file(chapter)?.async('string');
    zip.file(chapter, (xhtml ?? '').replace('</p>', '<img src="nowhere.png" alt="x"/></p>'));
    const broken = path.join(out, 'broken.epub');
    writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer' }));
    const run = octavo(['check', broken]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`broken\\.epub/${chapter.replace(/\./g, '\\.')}:\\d+:\\d+: error: RSC-007`));
    expect(run.stdout).toMatch(/\[epub-invalid\]/);
  });

  test('a malformed SOURCE_DATE_EPOCH stops the build: a reproducible build is never dated by guess', () => {
    const out = tempDir();
    const run = octavo(['build', manuscriptDir, '-o', out], repoRoot, { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /book\.yaml: error: SOURCE_DATE_EPOCH is not a whole number of seconds: yesterday \[option-invalid\]/,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  test('a build that stops under --strict reports what check reports, print checks included', () => {
    const book = copyManuscript();
    writeFileSync(path.join(book, 'book.yaml'), readFileSync(path.join(book, 'book.yaml'), 'utf8') + 'colour: red\n');
    writeFileSync(
      path.join(book, 'article.md'),
      readFileSync(path.join(book, 'article.md'), 'utf8') + '\nA Thai letter: ภ\n',
    );
    const rules = (output: string) => [...output.matchAll(/\[([a-z-]+)\]$/gm)].map((m) => m[1]);
    const built = octavo(['build', book, '--strict', '-o', tempDir()]);
    const checked = octavo(['check', book, '--strict']);
    expect(built.code).toBe(1);
    expect(rules(built.stderr)).toEqual(['book-yaml-unknown-key', 'glyph-missing']);
    expect(rules(checked.stdout)).toEqual(rules(built.stderr));
    expect(built.stderr).toMatch(/build failed with 2 warnings under --strict; nothing was written\n$/);
  });

  test('a broken link says what it most likely meant', () => {
    const cwd = tempDir();
    expect(octavo(['init', 'b'], cwd).code).toBe(0);
    const chapter = path.join(cwd, 'b', '01-first-steps.md');
    writeFileSync(
      chapter,
      readFileSync(chapter, 'utf8') +
        '\nSee [this](#first-step), [that](02-pictures-and-notes.md#picture-and-notes) and [more](02-picture-and-notes.md).\n',
    );
    const run = octavo(['check', 'b'], cwd);
    expect(run.stdout).toContain('  hint: did you mean #first-steps?\n');
    expect(run.stdout).toContain(
      '  hint: 02-pictures-and-notes.md has no heading with that id; did you mean 02-pictures-and-notes.md#pictures-and-notes?\n',
    );
    expect(run.stdout).toContain(
      '  hint: no chapter is at 02-picture-and-notes.md; did you mean 02-pictures-and-notes.md?\n',
    );
  });

  test('--help, and a file that is not there', () => {
    expect(octavo(['check', '--help']).stdout).toMatch(/^Usage: octavo check \[input\] \[options\]\n/);
    const missing = octavo(['check', 'nowhere.epub']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^nowhere\.epub: error: File not found \[input-missing\]/);
  });
});
