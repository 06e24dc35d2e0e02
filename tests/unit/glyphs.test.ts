import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { formatMessages } from '../../src/core/report.js';
import type { Book } from '../../src/types/book.js';
import { fontChains, mostlyCjk } from '../../src/writers/pdf/font-chain.js';
import { checkGlyphs } from '../../src/writers/pdf/glyphs.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { modernTheme } from '../../styles/themes/modern.js';
import { tempDir } from '../helpers/books.js';

async function load(body: string, lang = 'en'): Promise<{ book: Book; dir: string }> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'g.md'), `---\ntitle: G\nlang: ${lang}\n---\n\n${body}\n`);
  const { book } = await loadBook(path.join(dir, 'g.md'));
  if (!book) throw new Error('no book');
  return { book, dir };
}

async function check(body: string): Promise<string[]> {
  const { book, dir } = await load(body);
  checkGlyphs(book, classicTheme);
  return formatMessages(
    book.chapters.map((c) => c.file),
    dir,
  ).filter((line) => !line.startsWith('  '));
}

test('characters no font of the chain has are reported once, at their first place in the source', async () => {
  expect(
    await check(
      'Fine: Zażółć, Ελληνικά, Русский, Tiếng Việt, 中文, かな, 한국어, ✓ → © ★ 😀 -- “quotes”…\n\nThai ภ, `code \ue000`, ภ again.',
    ),
  ).toEqual([
    'g.md:8:6: warning: The PDF fonts have no glyph for “ภ” (U+0E20); it would print as an empty box [glyph-missing]',
    'g.md:8:15: warning: The PDF fonts have no glyph for “\ue000” (U+E000); it would print as an empty box [glyph-missing]',
  ]);
});

test('a chapter in a script the fonts lack gets ten messages and a count, not thousands', async () => {
  const messages = await check('ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรือวรรณยุกต์เช่นเดียวกับภาษาจีน');
  expect(messages).toHaveLength(11);
  expect(messages.at(-1)).toMatch(
    /^g\.md:6:\d+: warning: The PDF fonts have no glyph for \d+ more characters in this chapter, the first here/,
  );
});

test('modifiers and variation selectors are not reported on their own', async () => {
  const messages = await check('A thumb ภ🏽 and a mark ภ\ufe0f.');
  expect(messages.map((m) => /“(.+)”/u.exec(m)?.[1])).toEqual(['ภ']);
});

test('a book in Latin, Greek and Cyrillic lists no fallback face; CJK faces only for their scripts', async () => {
  const chain = async (body: string, lang = 'en'): Promise<readonly string[]> =>
    fontChains((await load(body, lang)).book, classicTheme).fallbacks;
  expect(await chain('Zażółć, Ελληνικά, Русский, Tiếng Việt -- “quotes”… © § €')).toEqual([]);
  expect(await chain('A tick ✓ and a star ★.')).toEqual(['Noto Sans Symbols 2']);
  // A face that draws none of what is missing is not listed.
  expect(await chain('A tick ✓ and Thai ภาษาไทย.')).toEqual(['Noto Sans Symbols 2']);
  expect(await chain('한국어 문단입니다.')).toEqual(['Noto Sans KR']);
  expect(await chain('中文段落。')).toEqual(['Noto Sans SC']);
  expect(await chain('中文段落。', 'zh-TW')).toEqual(['Noto Sans SC']);
  expect(await chain('日本語の段落。')).toEqual(['Noto Sans JP']);
  // Han only, in a Japanese book: the Japanese forms.
  expect(await chain('日本語', 'ja')).toEqual(['Noto Sans JP']);
  // Simplified characters the Japanese face lacks come from the Chinese one, after it.
  expect(await chain('日本語の段落。这是中文。')).toEqual(['Noto Sans JP', 'Noto Sans SC']);
});

test('a passage sets Han in the forms of its own language', async () => {
  const { book } = await load('日本語の段落。\n\n这是中文，还有一些汉字。\n\n한국어 문단입니다.');
  const chains = fontChains(book, modernTheme);
  expect(chains.reorders).toBe(true);
  const cjk = (chain: string[]): string[] => chain.filter((f) => /JP|KR|SC/.test(f));
  expect(cjk(chains.chainFor('Source Sans 3', '日本語の段落。'))[0]).toBe('Noto Sans JP');
  expect(cjk(chains.chainFor('Source Sans 3', '这是中文，还有一些汉字。'))[0]).toBe('Noto Sans SC');
  expect(cjk(chains.chainFor('Source Sans 3', '한국어 文段'))[0]).toBe('Noto Sans KR');
  expect(chains.draws('Source Sans 3', '这')).toBe(true);
  expect(chains.draws('JetBrains Mono', 'の')).toBe(true);
});

test('text is mostly CJK when such letters are at least half of its letters', () => {
  expect(mostlyCjk('대한민국은 민주공화국이다.')).toBe(true);
  expect(mostlyCjk('「かぎ括弧」, OK.')).toBe(true);
  expect(mostlyCjk('An English sentence with 中文 in it.')).toBe(false);
  expect(mostlyCjk('1, 2, 3.')).toBe(false);
});
