/**
 * Golden tests per Markdown construct: each folder in tests/fixtures holds an
 * input.md (a single-file book) and what the writers must make of it:
 *   pdf.json      the PDF writer's element tree (before react-pdf renders it)
 *   epub.xhtml    the EPUB writer's chapter document
 *   messages.txt  every message, as the command line prints them (the PDF writer's checks too)
 * Regenerate with `npm run test:update`, then read the diff before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBook } from '../src/core/load-book.js';
import { formatMessages } from '../src/core/report.js';
import { chapterXhtml } from '../src/writers/epub/xhtml.js';
import { bookDocument } from '../src/writers/pdf/document.js';
import { checkPrint } from '../src/writers/pdf/print-checks.js';
import { classicTheme } from '../styles/themes/classic.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const update = process.env.UPDATE_GOLDENS === '1';

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!update) throw new Error(`New golden ${path.relative(fixtures, file)} written: read it, then run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each(readdirSync(fixtures).filter((name) => existsSync(path.join(fixtures, name, 'input.md'))))(
  '%s',
  (name) => {
    const dir = path.join(fixtures, name);

    test('messages', async () => {
      const { files, book } = await loadBook(path.join(dir, 'input.md'), { sourceDateEpoch: '0' });
      // What the PDF writer says too (glyphs it lacks, images it cannot draw inside text or sharply).
      if (book) {
        checkPrint(book, classicTheme);
        bookDocument(book, classicTheme);
      }
      golden(path.join(dir, 'messages.txt'), formatMessages(files, dir).join('\n') + '\n');
    });

    test('pdf element tree', async () => {
      const { book } = await loadBook(path.join(dir, 'input.md'), { sourceDateEpoch: '0' });
      if (!book) return;
      golden(path.join(dir, 'pdf.json'), JSON.stringify(bookDocument(book, classicTheme), null, 1) + '\n');
    });

    test('epub chapter', async () => {
      const { book } = await loadBook(path.join(dir, 'input.md'), { sourceDateEpoch: '0' });
      if (!book) return;
      golden(path.join(dir, 'epub.xhtml'), chapterXhtml(book, 0) + '\n');
    });
  },
);
