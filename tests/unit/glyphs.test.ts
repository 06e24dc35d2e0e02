import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { formatMessages } from '../../src/core/report.js';
import { checkGlyphs } from '../../src/writers/pdf/glyphs.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { tempDir } from '../helpers/books.js';

async function check(body: string): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'g.md'), `---\ntitle: G\n---\n\n${body}\n`);
  const { book } = await loadBook(path.join(dir, 'g.md'));
  if (!book) throw new Error('no book');
  checkGlyphs(book, classicTheme);
  return formatMessages(
    book.chapters.map((c) => c.file),
    dir,
  ).filter((line) => !line.startsWith('  '));
}

test('characters the fonts lack are reported once, at their first place in the source', async () => {
  expect(
    await check('Fine: Zażółć, Ελληνικά, Русский, Tiếng Việt -- “quotes”…\n\nAn emoji 😀, `a ✓ in code`, 😀 again.'),
  ).toEqual([
    'g.md:7:10: warning: The PDF fonts have no glyph for “😀” (U+1F600); react-pdf would draw it with a wrong glyph [glyph-missing]',
    'g.md:7:17: warning: The PDF fonts have no glyph for “✓” (U+2713); react-pdf would draw it with a wrong glyph [glyph-missing]',
  ]);
});

test('a chapter in a script the fonts lack gets ten messages and a count, not thousands', async () => {
  const messages = await check('這是一個很長的中文段落，用來測試字型覆蓋範圍的檢查是否會限制訊息的數量。');
  expect(messages).toHaveLength(11);
  expect(messages.at(-1)).toMatch(
    /^g\.md:5:\d+: warning: The PDF fonts have no glyph for \d+ more characters in this chapter, the first here/,
  );
});

test('modifiers and variation selectors are not reported on their own', async () => {
  const messages = await check('A thumb 👍🏽 and a heart ❤️.');
  expect(messages.map((m) => /“(.+)”/u.exec(m)?.[1])).toEqual(['👍', '❤']);
});
