import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, test } from 'vitest';
import { bookScripts, markScriptLanguages, scriptRuns } from '../../src/writers/epub/script-lang.js';

/** The foreign runs of `text` in a book in `lang`, as [text, tag] pairs. */
function foreign(text: string, lang = 'en'): [string, string][] {
  return scriptRuns(text, bookScripts(lang) ?? new Set()).flatMap(({ start, end, lang: tag }) =>
    tag === undefined ? [] : [[text.slice(start, end), tag] as [string, string]],
  );
}

describe('detecting the language of a run from its script', () => {
  test.each([
    ['Greek', 'Η ζωή είναι ωραία', 'el'],
    ['Russian', 'Жизнь прекрасна', 'ru'],
    ['Ukrainian', 'Їжак і єнот на ґанку', 'uk'],
    ['Belarusian (writes і too)', 'Беларусь і ўсход', 'be'],
    ['Serbian', 'Ђорђе и Љиљана', 'sr'],
    ['Korean', '대한민국', 'ko'],
    ['Korean with hanja', '大韓民國 대한민국', 'ko'],
    ['Japanese kana', 'ひらがなとカタカナ', 'ja'],
    ['Japanese kanji and kana', '日本語を話します', 'ja'],
    ['Chinese', '中华人民共和国', 'zh'],
    ['Han alone, even a Japanese word: nothing tells it from Chinese', '日本語', 'zh'],
    ['Arabic', 'اللغة العربية', 'ar'],
    ['Persian', 'زبان فارسی', 'fa'],
    ['Urdu (writes the Persian letters too)', 'اردو ہماری زبان ہے', 'ur'],
    ['Hebrew', 'שלום עולם', 'he'],
    ['Thai', 'ภาษาไทย', 'th'],
    ['Armenian', 'Հայերեն', 'hy'],
    ['Georgian', 'ქართული', 'ka'],
    ['Hindi', 'हिन्दी भाषा', 'hi'],
  ])('%s', (_, text, tag) => {
    expect(foreign(text)).toEqual([[text, tag]]);
  });

  test('Latin is never marked: French inside English looks the same', () => {
    expect(foreign('He said “c’est la vie” and left.')).toEqual([]);
  });

  test('digits, spaces and punctuation make no run, and stay outside one', () => {
    expect(foreign('1821 — 1832, (42)!')).toEqual([]);
    expect(foreign('In 1821, «Ελευθερία ή θάνατος», they said.')).toEqual([['Ελευθερία ή θάνατος', 'el']]);
    expect(foreign('Το 1821 ήταν')).toEqual([['Το 1821 ήταν', 'el']]);
  });

  test('marks and the long-vowel sign end the word they belong to', () => {
    expect(foreign('say コーヒー.')).toEqual([['コーヒー', 'ja']]);
    expect(foreign('kitābun: كِتَابٌ.')).toEqual([['كِتَابٌ', 'ar']]);
  });

  test('each run of its own: Greek, then Russian, in one sentence', () => {
    expect(foreign('Both λόγος and слово mean “word”.')).toEqual([
      ['λόγος', 'el'],
      ['слово', 'ru'],
    ]);
  });

  test('the book’s own script is not foreign', () => {
    expect(foreign('Жизнь прекрасна', 'ru')).toEqual([]);
    expect(foreign('Їжак', 'ru')).toEqual([]);
    // A Japanese book’s Han is Japanese, not Chinese; its kana too.
    expect(foreign('東京都', 'ja')).toEqual([]);
    expect(foreign('日本語を話します', 'ja-JP')).toEqual([]);
    // Hanja in a Korean book.
    expect(foreign('漢字', 'ko')).toEqual([]);
    // But Latin is foreign to a Russian book, and still not marked; Greek is.
    expect(foreign('Это Paris и Αθήνα', 'ru')).toEqual([['Αθήνα', 'el']]);
    // A script subtag says which of a language’s scripts the book uses.
    expect(foreign('Ђорђе', 'sr-Latn')).toEqual([['Ђорђе', 'sr']]);
    expect(foreign('Ђорђе', 'sr')).toEqual([]);
  });

  test('kana in a Chinese book is Japanese; Han alone in it is not foreign', () => {
    expect(foreign('日本語を話します', 'zh')).toEqual([['日本語を話します', 'ja']]);
    expect(foreign('中文', 'zh-Hant')).toEqual([]);
  });

  test('a language nobody knows the script of marks nothing', () => {
    expect(bookScripts('qaa')).toBeUndefined();
    const root = tree(p('Η ζωή'));
    markScriptLanguages(root, 'qaa');
    expect(html(root)).toBe('<p>Η ζωή</p>');
  });
});

const text = (value: string): ElementContent => ({ type: 'text', value });
const h = (tagName: string, properties: Element['properties'], ...children: (string | Element)[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children: children.map((child) => (typeof child === 'string' ? text(child) : child)),
});
const p = (...children: (string | Element)[]): Element => h('p', {}, ...children);
const tree = (...children: Element[]): Root => ({ type: 'root', children });
const html = (root: Root): string => toHtml(root, { space: 'html' });

function marked(lang: string, ...children: Element[]): string {
  const root = tree(...children);
  markScriptLanguages(root, lang);
  return html(root);
}

describe('marking a chapter’s tree', () => {
  test('a block all in one foreign language gets lang and xml:lang itself', () => {
    expect(marked('en', p('Η ζωή ', h('em', {}, 'είναι'), ' ωραία.'))).toBe(
      '<p lang="el" xml:lang="el">Η ζωή <em>είναι</em> ωραία.</p>',
    );
    expect(marked('en', h('h1', {}, 'Война и мир'))).toBe('<h1 lang="ru" xml:lang="ru">Война и мир</h1>');
  });

  test('a block quote all in Greek is marked once, not each paragraph', () => {
    expect(marked('en', h('blockquote', {}, '\n', p('Ἐν ἀρχῇ ἦν ὁ λόγος'), '\n', p('καὶ ὁ λόγος'), '\n'))).toBe(
      '<blockquote lang="el" xml:lang="el">\n<p>Ἐν ἀρχῇ ἦν ὁ λόγος</p>\n<p>καὶ ὁ λόγος</p>\n</blockquote>',
    );
  });

  test('foreign words inside the book’s language get spans, their punctuation outside', () => {
    expect(marked('en', p('The word “侘び寂び” and ', h('strong', {}, 'the Greek “λόγος”'), '.'))).toBe(
      '<p>The word “<span lang="ja" xml:lang="ja">侘び寂び</span>” and <strong>the Greek “<span lang="el" xml:lang="el">λόγος</span>”</strong>.</p>',
    );
  });

  test('an inline element all in one language gets the lang itself', () => {
    expect(marked('en', p('Read ', h('em', {}, 'Война и мир'), ' twice.'))).toBe(
      '<p>Read <em lang="ru" xml:lang="ru">Война и мир</em> twice.</p>',
    );
  });

  test('code is never split, and counts as not foreign', () => {
    expect(marked('en', p('Type ', h('code', {}, 'λ = 1'), ' then λόγος'))).toBe(
      '<p>Type <code>λ = 1</code> then <span lang="el" xml:lang="el">λόγος</span></p>',
    );
    expect(marked('en', h('pre', {}, h('code', {}, 'print("Привет")')))).toBe(
      '<pre><code>print("Привет")</code></pre>',
    );
  });

  test('a lang already there is respected', () => {
    expect(marked('en', p('See ', h('span', { lang: 'grc' }, 'λόγος'), ' here'))).toBe(
      '<p>See <span lang="grc">λόγος</span> here</p>',
    );
    expect(marked('en', h('p', { lang: 'grc' }, 'λόγος'))).toBe('<p lang="grc">λόγος</p>');
  });

  test('note links and page-break markers are left as they are', () => {
    const ref = h('sup', {}, h('a', { role: 'doc-noteref', href: '#n1' }, '1'));
    const pagebreak = h('span', { role: 'doc-pagebreak', id: 'page-2' });
    expect(marked('en', p('Η ζωή', ref, pagebreak, ' is life'))).toBe(
      '<p><span lang="el" xml:lang="el">Η ζωή</span><sup><a role="doc-noteref" href="#n1">1</a></sup><span role="doc-pagebreak" id="page-2"></span> is life</p>',
    );
    expect(marked('en', p('Η ζωή', ref))).toBe(
      '<p lang="el" xml:lang="el">Η ζωή<sup><a role="doc-noteref" href="#n1">1</a></sup></p>',
    );
  });

  test('a Russian book’s Russian paragraph gets nothing, its Greek word a span', () => {
    expect(marked('ru', p('Жизнь прекрасна'), p('Слово λόγος'))).toBe(
      '<p>Жизнь прекрасна</p><p>Слово <span lang="el" xml:lang="el">λόγος</span></p>',
    );
  });

  test('a Japanese book’s Han-only sentence gets nothing', () => {
    expect(marked('ja', p('東京都庁'))).toBe('<p>東京都庁</p>');
  });
});
