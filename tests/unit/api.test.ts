import { expect, test } from 'vitest';
import * as octavo from '../../src/index.js';
import { manuscriptDir } from '../helpers/books.js';

test('the public API loads a book and runs a writer on it', async () => {
  const { book, files } = await octavo.loadBook(manuscriptDir);
  expect(octavo.formatMessages(files)).toEqual([]);
  expect(book?.meta.title).toBe('A State Visit and a Selfie');
  const tokens = octavo.themes.default;
  if (!book || !tokens) throw new Error('no book');
  const epub = await octavo.writeEpub(book, { tokens });
  expect(epub.bytes.byteLength).toBeGreaterThan(1000);
  expect(octavo.slugify('Ça, c’est « Octavo » !')).toBe('ca-c-est-octavo');
});

test('output names are ASCII slugs of the title, letters transliterated', () => {
  expect(octavo.slugify('Größenwahn und Übermut')).toBe('grossenwahn-und-ubermut');
  expect(octavo.slugify('Zażółć gęślą jaźń')).toBe('zazolc-gesla-jazn');
  expect(octavo.slugify('日本語')).toBe('book');
});

test('a long title is cut between words, at most 80 characters', () => {
  const title = 'A Very Long Report on Water Allocation Across the Basin and Its Three Neighbouring Jurisdictions';
  expect(octavo.slugify(title)).toBe('a-very-long-report-on-water-allocation-across-the-basin-and-its-three');
  expect(octavo.slugify('x'.repeat(100))).toBe('x'.repeat(80));
});
