import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBook, resolveTokens, themes, writePdf, type Book, type Tokens } from '../../src/index.js';
import { bookDocument } from '../../src/writers/pdf/document.js';
import { splitBook } from '../../src/writers/pdf/parts.js';
import { repoRoot, tempDir } from '../helpers/books.js';
import { namedLinks, readPdf } from '../helpers/pdf.js';
import { qpdfCheck } from '../helpers/tools.js';

/**
 * A book long enough to be laid out in parts (see src/writers/pdf/parts.ts), with
 * what crosses parts: the contents, links and "(p. 9)" to chapters in other parts,
 * footnotes at the page foot, images, and chapters of one to three pages.
 */
function longBook(yaml = ''): string {
  const dir = path.join(tempDir(), 'long');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'tests/fixtures/images/images/photo.jpg'), path.join(dir, 'photo.jpg'));
  const count = 24;
  const names = Array.from({ length: count }, (_, i) => `ch${String(i + 1).padStart(2, '0')}.md`);
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Parts\nauthor: Octavo\nlang: en\ndate: 2026-01-05\n${yaml}chapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  const sentence = 'The basin’s water has been shared out differently every year for a decade now. ';
  names.forEach((name, i) => {
    const other = names[(i * 7 + 11) % count] ?? name;
    const paragraphs = Array.from({ length: 3 + (i % 5) }, (_, p) => sentence.repeat(6 + ((i + p) % 4))).join('\n\n');
    const figure = i % 6 === 0 ? `\n\n![The steps of chapter ${i + 1}](photo.jpg)\n` : '';
    writeFileSync(
      path.join(dir, name),
      `# Chapter ${i + 1}\n\nSee [the other one](${other}) and its [second part](${other}#part-two).[^a]\n\n${paragraphs}${figure}\n\n## Part two\n\n${paragraphs}\n\n[^a]: The note of chapter ${i + 1}.\n`,
    );
  });
  return dir;
}

async function load(dir: string): Promise<{ book: Book; tokens: Tokens }> {
  const { book } = await loadBook(dir);
  if (!book) throw new Error(`${dir} did not load`);
  const style = book.design?.style ?? {};
  return { book, tokens: resolveTokens(themes.classic, style) };
}

describe('a long book laid out in parts, in worker threads', () => {
  test.each([
    ['one-sided', ''],
    ['two-sided', 'style:\n  page:\n    twoSided: true\n'],
  ])(
    '%s: the same pages as the book laid out whole, and the same bytes from any number of threads',
    async (name, yaml) => {
      const { book, tokens } = await load(longBook(yaml));
      // The book is cut in parts, or this test would compare the whole book with itself.
      const split = splitBook(bookDocument(book, tokens), tokens);
      expect(split?.parts.length).toBeGreaterThanOrEqual(2);

      const whole = await writePdf(book, { tokens, jobs: 1 });
      const parallel = await writePdf(book, { tokens, jobs: 2 });
      expect(whole.warnings ?? []).toEqual([]);
      expect(parallel.warnings ?? []).toEqual([]);

      // What a reader sees: the text of every page (page numbers, running headers and
      // the contents' numbers included), the outline, every link and where it lands.
      const [a, b] = [await readPdf(whole.bytes), await readPdf(parallel.bytes)];
      expect(b.pages.length).toBe(a.pages.length);
      expect(parallel.pages).toBe(whole.pages);
      b.pages.forEach((text, index) => expect(text, `page ${index + 1}`).toBe(a.pages[index]));
      expect(b.outline).toEqual(a.outline);
      expect(b.links).toEqual(a.links);
      expect(b.info).toEqual(a.info);
      expect(await namedLinks(parallel.bytes)).toEqual(await namedLinks(whole.bytes));
      // The contents really has its numbers, and "(p. N)" its pages.
      expect(a.pages.slice(0, 6).join('\n')).toMatch(/Chapter 24[ .]*\d+/);
      expect(a.pages.join('\n')).toMatch(/the other one \(p\. \d+\)/);

      // Two parallel builds, with two threads or four, give the same file.
      if (name === 'one-sided') {
        const wider = await writePdf(book, { tokens, jobs: 4 });
        expect(Buffer.compare(Buffer.from(wider.bytes), Buffer.from(parallel.bytes))).toBe(0);
      }

      const file = path.join(tempDir(), 'parts.pdf');
      writeFileSync(file, parallel.bytes);
      expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    },
    240_000,
  );
});
