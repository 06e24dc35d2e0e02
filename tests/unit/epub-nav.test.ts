import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { chapterLabel } from '../../src/plugins/chapter-title.js';
import { assignPlayOrder, buildToc, flattenToc, hrefTo } from '../../src/writers/epub/nav.js';
import { tempDir } from '../helpers/books.js';

test('NCX playOrder follows reading order for headings whose ids are not ASCII', () => {
  // The hrefs carry the ids percent-encoded; the documents carry them as they are.
  const documents = [
    { id: 'ch01', xhtml: '<h1 id="start">Start</h1>\n<h2 id="über">Über</h2>\n<h2 id="zoë">Zoë</h2>' },
    { id: 'ch02', xhtml: '<h1 id="한국어">한국어</h1>\n<h2 id="end">End</h2>' },
  ];
  const targets = [
    { href: 'ch01.xhtml', order: 0 },
    { href: hrefTo(0, 'über'), order: 0 },
    { href: hrefTo(0, 'zoë'), order: 0 },
    { href: 'ch02.xhtml', order: 0 },
    { href: hrefTo(1, 'end'), order: 0 },
  ];
  assignPlayOrder(documents, targets);
  expect(targets.map((t) => t.order)).toEqual([1, 2, 3, 4, 5]);
});

test('a heading of control characters alone gives the contents and the chapter a readable name', async () => {
  // EPUBCheck rejects a nav entry or a <title> with no text, and XML cannot hold these characters.
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'book.md'),
    '---\ntitle: Controls\n---\n\n# \u0001\n\nText.\n\n## \u0002\u0007\n\nMore.\n',
  );
  const { book } = await loadBook(path.join(dir, 'book.md'), { sourceDateEpoch: '0' });
  if (!book) throw new Error('the book did not load');
  const titles = flattenToc(buildToc(book).entries).map((entry) => entry.title);
  expect(titles).toEqual(['Controls', 'section-1']);
  expect(chapterLabel(book, 0)).toBe('Controls');
});
