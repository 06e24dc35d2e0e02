import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { writePdf } from '../../src/writers/pdf/index.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { tempDir } from '../helpers/books.js';

test('text that starts with soft hyphens lays out (react-pdf threw on it)', async () => {
  const dir = tempDir();
  const shy = '\u00ad';
  writeFileSync(
    path.join(dir, 'book.md'),
    `---\ntitle: Soft hyphens\n---\n\n${shy}\n\n${shy}${shy}word\n\n- ${shy.repeat(20)} a\n\nSoft${shy}ly.\n`,
  );
  const { book } = await loadBook(path.join(dir, 'book.md'), { sourceDateEpoch: '0' });
  if (!book) throw new Error('the book did not load');
  const pdf = await writePdf(book, { tokens: classicTheme });
  expect(pdf.pages).toBe(1);
  expect(pdf.warnings ?? []).toEqual([]);
});
