import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { writeOutputs } from '../../src/core/output.js';
import { formatMessages } from '../../src/core/report.js';
import { copyManuscript, folderHashes, manuscriptDir, tempDir } from '../helpers/books.js';

describe('a failed build', () => {
  test('a missing image stops the build at its file:line:col and leaves dist/ as it was', async () => {
    const outDir = tempDir();
    const first = await build({ input: manuscriptDir, outDir });
    expect(first.ok).toBe(true);
    writeFileSync(path.join(outDir, 'notes.txt'), 'the user’s own file');
    const before = folderHashes(outDir);

    const book = copyManuscript();
    const article = path.join(book, 'article.md');
    const lines = readFileSync(article, 'utf8').split('\n').length;
    appendFileSync(article, '\n![The selfie](images/selfie.png)\n');
    const failed = await build({ input: book, outDir });

    expect(failed.ok).toBe(false);
    expect(failed.outputs).toEqual([]);
    expect(formatMessages(failed.files, book)).toEqual([
      `article.md:${lines + 1}:1: error: Image not found: images/selfie.png (looked in ${path.relative(process.cwd(), book)}/images/) [image-missing]`,
      '  hint: check the spelling and case of the path; it is relative to the chapter file',
    ]);
    expect(folderHashes(outDir)).toEqual(before);
  });

  test('an out-dir that is a file, or lies inside one, is refused before any work', async () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'dist');
    writeFileSync(blocker, 'a file where the folder should be');
    for (const outDir of [blocker, path.join(blocker, 'inner')]) {
      const result = await build({ input: manuscriptDir, outDir, formats: ['pdf'] });
      expect(result.ok).toBe(false);
      expect(result.book).toBeUndefined();
      expect(formatMessages(result.files, parent)[0]).toMatch(
        /^dist: error: The output folder (is a file|.*dist\/inner would be inside a file) \[output-failed\]$/,
      );
    }
    expect(readdirSync(parent)).toEqual(['dist']);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the folder should be');
  });
});

describe('problems in the book folder', () => {
  test('a chapter that is not there is an error at its line in book.yaml', async () => {
    const book = copyManuscript();
    appendFileSync(path.join(book, 'book.yaml'), '  - chapters/two.md\n');
    const lines = readFileSync(path.join(book, 'book.yaml'), 'utf8').trimEnd().split('\n').length;
    const result = await build({ input: book, outDir: tempDir() });
    expect(result.ok).toBe(false);
    expect(formatMessages(result.files, book)).toEqual([
      `book.yaml:${lines}:5: error: Chapter not found: chapters/two.md [chapter-missing]`,
      '  hint: chapter paths are relative to book.yaml; check the spelling and the .md extension',
    ]);
  });

  test('chapters must be Markdown files inside the book, listed once, with something in them', async () => {
    const book = copyManuscript();
    mkdirSync(path.join(book, 'sub'));
    writeFileSync(path.join(book, 'notes.txt'), 'text');
    writeFileSync(path.join(book, '..', 'outside.md'), '# Outside\n');
    writeFileSync(path.join(book, 'empty.md'), '---\ntitle: Ignored\n---\n');
    writeFileSync(
      path.join(book, 'book.yaml'),
      'title: T\nchapters:\n  - article.md\n  - article.md\n  - notes.txt\n  - ../outside.md\n  - sub\n  - empty.md\n',
    );
    const result = await build({ input: book, outDir: tempDir() });
    expect(formatMessages(result.files, book).filter((line) => !line.startsWith('  '))).toEqual([
      'book.yaml:4:5: warning: Chapter listed twice: article.md [chapter-invalid]',
      'book.yaml:5:5: error: Chapter is not a Markdown file: notes.txt [chapter-invalid]',
      'book.yaml:6:5: error: Chapter lies outside the book folder: ../outside.md [chapter-invalid]',
      'book.yaml:7:5: error: Chapter is a folder, not a file: sub [chapter-invalid]',
      'empty.md: warning: The chapter is empty [chapter-empty]',
      'empty.md:1:1: warning: Front matter in a chapter is ignored [chapter-invalid]',
    ]);
  });

  test('errors in several chapters are all reported, each in its own file', async () => {
    const book = copyManuscript();
    writeFileSync(path.join(book, 'book.yaml'), 'title: T\n');
    writeFileSync(path.join(book, 'a.md'), '![one](nope.png)\n');
    writeFileSync(path.join(book, 'b.md'), 'Text\n\n![two](../../etc/passwd)\n');
    const result = await build({ input: book, outDir: tempDir() });
    expect(formatMessages(result.files, book).filter((line) => !line.startsWith('  '))).toEqual([
      `a.md:1:1: error: Image not found: nope.png (looked in ${path.relative(process.cwd(), book)}/) [image-missing]`,
      'b.md:3:1: error: Image lies outside the book folder: ../../etc/passwd [image-outside-book]',
    ]);
  });
});

describe('writeOutputs', () => {
  test('writes all files or none: old files survive when a later one fails', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.pdf'), 'old');
    writeFileSync(path.join(dir, 'blocked'), 'a file, not a folder');
    await expect(
      writeOutputs([
        { path: path.join(dir, 'a.pdf'), bytes: new TextEncoder().encode('new') },
        { path: path.join(dir, 'blocked', 'b.epub'), bytes: new TextEncoder().encode('new') },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'blocked']);
  });

  test('replaces files in place and creates the folder', async () => {
    const dir = path.join(tempDir(), 'new', 'dist');
    await writeOutputs([{ path: path.join(dir, 'x.pdf'), bytes: new Uint8Array([1, 2, 3]) }]);
    await writeOutputs([{ path: path.join(dir, 'x.pdf'), bytes: new Uint8Array([4]) }]);
    expect([...readFileSync(path.join(dir, 'x.pdf'))]).toEqual([4]);
    mkdirSync(dir, { recursive: true });
    expect(readdirSync(dir)).toEqual(['x.pdf']);
  });
});
