import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../src/index.js';
import { tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { epubcheck } from '../helpers/tools.js';

/** An English book with a Greek title and passages in Greek, Russian, Korean, Chinese and Japanese. */
function polyglotBook(): string {
  const dir = path.join(tempDir(), 'polyglot');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Λόγος\nauthor: A. Reader\nlang: en\nchapters:\n  - words.md\n');
  writeFileSync(
    path.join(dir, 'words.md'),
    [
      '# Words',
      'Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν.[^greek]',
      'В начале было Слово, и Слово было у Бога.',
      '태초에 말씀이 계시니라.',
      '太初有道，道与神同在。',
      'The Japanese speak of *侘び寂び*, and of the “間” between things.',
      '[^greek]: John 1:1, in the Greek.',
    ].join('\n\n') + '\n',
  );
  return dir;
}

describe('passages in other scripts carry their language in the EPUB', () => {
  let result: BuildResult;
  let xhtml: string;
  beforeAll(async () => {
    result = await build({ input: polyglotBook(), outDir: tempDir(), formats: ['epub'], sourceDateEpoch: '0' });
    const epub = await readEpub(readFileSync(result.outputs[0]?.path ?? ''));
    xhtml = await epub.text('OEBPS/ch01.xhtml');
  });

  test('whole paragraphs get lang and xml:lang, a quoted word a span, the book’s own language nothing', () => {
    expect(result.ok).toBe(true);
    expect(xhtml).toContain('<h1 class="book-title" lang="el" xml:lang="el">Λόγος</h1>');
    expect(xhtml).toMatch(/<p lang="el" xml:lang="el">Ἐν ἀρχῇ[^<]*<sup><a epub:type="noteref"/);
    expect(xhtml).toContain('<p lang="ru" xml:lang="ru">В начале было Слово, и Слово было у Бога.</p>');
    expect(xhtml).toContain('<p lang="ko" xml:lang="ko">태초에 말씀이 계시니라.</p>');
    expect(xhtml).toContain('<p lang="zh" xml:lang="zh">太初有道，道与神同在。</p>');
    // A kanji alone cannot be told from Chinese; with kana it is Japanese.
    expect(xhtml).toContain(
      '<p>The Japanese speak of <em lang="ja" xml:lang="ja">侘び寂び</em>, and of the “<span lang="zh" xml:lang="zh">間</span>” between things.</p>',
    );
    expect(xhtml).toContain('<h1 id="words">Words</h1>');
    // Every lang has its xml:lang twin, the same.
    const langs = [...xhtml.matchAll(/ lang="([^"]+)"/g)].map((m) => m[1]);
    const xmlLangs = [...xhtml.matchAll(/ xml:lang="([^"]+)"/g)].map((m) => m[1]);
    expect(xmlLangs).toEqual(langs);
  });

  test('EPUBCheck passes', () => {
    const check = epubcheck(result.outputs[0]?.path ?? '');
    expect(check.errors + check.warnings, check.output).toBe(0);
  });
});
