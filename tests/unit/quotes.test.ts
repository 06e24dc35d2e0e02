import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { tempDir } from '../helpers/books.js';

async function typeset(lang: string, text: string): Promise<string> {
  const file = path.join(tempDir(), 'q.md');
  writeFileSync(file, `---\ntitle: Q\nlang: ${lang}\n---\n\n${text}\n`);
  const { book } = await loadBook(file);
  return toString(book?.chapters[0]?.tree.children[1]);
}

test.each([
  ['en', '“Quoted,” it’s – and — …'],
  ['en-GB', '“Quoted,” it’s – and — …'],
  ['de', '„Quoted,“ it’s – and — …'],
  ['de-CH', '«Quoted,» it’s – and — …'],
  ['pl', '„Quoted,” it’s – and — …'],
  ['fr', '«Quoted,» it’s – and — …'],
])('quotes, apostrophes, dashes and ellipses in %s', async (lang, expected) => {
  expect(await typeset(lang, `"Quoted," it's -- and --- ...`)).toBe(expected);
});
