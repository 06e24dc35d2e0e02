import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyManuscript, manuscriptDir, repoRoot, tempDir } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';

describe('octavo', () => {
  test('--help and --version', () => {
    const help = octavo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: octavo build \[input\] \[options\]/);
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
    [['build', '--format', 'docx'], /^octavo: --format must be pdf, epub or all, not docx\n/],
    [['build', '--colour'], /^octavo: Unknown option '--colour'/],
    [[], /^octavo: no command given\n/],
  ])('usage errors: %j', (args, message) => {
    const run = octavo(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
