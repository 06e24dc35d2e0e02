import * as fontkit from 'fontkit';
import { describe, expect, test } from 'vitest';
import type { Table } from 'mdast';
import { wrap } from '../../src/writers/pdf/handlers/code.js';
import { tableLayout } from '../../src/writers/pdf/handlers/table.js';
import { cjkBreaks } from '../../src/writers/pdf/cjk-breaks.js';
import { hyphenatesIn, hyphenationFor, justifiesIn, unbreakable, whole } from '../../src/writers/pdf/hyphenation.js';
import { splitLines } from '../../src/writers/pdf/lines.js';
import { fontFamilies } from '../../styles/fonts.js';

describe('code lines', () => {
  test('short lines stay whole', () => {
    expect(wrap('const a = 1;', 20)).toEqual([{ text: 'const a = 1;', continued: false }]);
  });

  test('long lines break at a late space, else anywhere, continuations leaving room for the arrow', () => {
    expect(wrap('aaaa bbbb cccc dddd eeee', 12)).toEqual([
      { text: 'aaaa bbbb ', continued: false },
      { text: 'cccc dddd ', continued: true },
      { text: 'eeee', continued: true },
    ]);
    const pieces = wrap('x'.repeat(50), 20);
    expect(pieces.map((p) => p.text.length)).toEqual([20, 18, 12]);
    expect(pieces.map((p) => p.text).join('')).toBe('x'.repeat(50));
  });

  test('the monospace advance in the font registry is the font’s', () => {
    const family = fontFamilies['JetBrains Mono'];
    const face = family?.faces()[0];
    const font = (fontkit as unknown as { openSync(file: string): fontkit.Font }).openSync(face?.file ?? '');
    for (const char of 'a W→.') {
      const glyph = font.glyphForCodePoint(char.codePointAt(0) ?? 0);
      expect(glyph.advanceWidth / font.unitsPerEm, char).toBe(family?.advance);
    }
  });
});

describe('hyphenation', () => {
  test.each([
    'https://example.com/a',
    'user@example.com',
    'snake_case',
    'camelCase',
    'a.b',
    'U.S.',
    '3,400',
    'x=1',
    '(foo/bar).',
  ])('%s is never cut', (word) => expect(unbreakable(word)).toBe(true));

  test.each(['diplomatic', 'lifetime.', '“surveillance”', 'light-hearted', 'Beijing,'])('%s is prose', (word) =>
    expect(unbreakable(word)).toBe(false),
  );

  test('US English uses react-pdf’s patterns; code words and languages without patterns stay whole', () => {
    const builtin = (word: string): string[] => [word.slice(0, 3), word.slice(3)];
    expect(hyphenationFor('en-US')('diplomatic', builtin)).toEqual(['dip', 'lomatic']);
    expect(hyphenationFor('en')('snake_case_name', builtin)).toEqual(['snake_case_name']);
    expect(hyphenationFor('ko')('Bundespräsident', builtin)).toEqual(['Bundespräsident']);
    expect(hyphenatesIn('ko')).toBe(false);
    expect(justifiesIn('ko')).toBe(false);
  });

  test('other languages use their own patterns, never react-pdf’s US ones', () => {
    const builtin = (): string[] => ['wrong'];
    const cut = (lang: string, word: string): string => hyphenationFor(lang)(word, builtin).join('-');
    expect(cut('de', 'Rechtsschutzversicherungsgesellschaften')).toBe(
      'Rechts-schutz-ver-si-che-rungs-ge-sell-schaf-ten',
    );
    expect(cut('de-AT', 'Zusammenarbeit,')).toBe('Zu-sam-men-ar-beit,');
    expect(cut('en-GB', 'diplomatic')).not.toBe('wrong');
    expect(cut('fr', 'gouvernementales')).toBe('gou-ver-ne-men-tales');
    expect(cut('es', 'conversación')).toBe('con-ver-sa-ción');
    expect(cut('it', 'presidente')).toBe('pre-si-den-te');
    expect(cut('nl', 'samenwerking')).toBe('sa-men-wer-king');
    expect(cut('pt-BR', 'presidente')).toBe('pre-si-den-te');
    expect(cut('ru', 'президент')).toBe('пре-зи-дент');
    expect(cut('de', 'https://example.org/Verträge')).toBe('https://example.org/Verträge');
    expect(cut('de', 'Straßen\u00adbahn')).toBe('Straßen-bahn');
    // A Russian or Greek word in a book in another script: the patterns of its letters.
    expect(cut('en', 'электрификация')).toBe('элек-три-фи-ка-ция');
    expect(cut('de', 'αρχαιότερες')).toBe('αρ-χαιό-τε-ρες');
    expect(cut('ko', 'президент')).toBe('пре-зи-дент');
    // Latin inside a Russian book cannot be told apart.
    expect(cut('ru', 'Zusammenarbeit')).toBe('Zusammenarbeit');
    for (const lang of ['en-US', 'en-GB', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ru', 'zh', 'ja'])
      expect(justifiesIn(lang), lang).toBe(true);
  });

  test('a compound with its own hyphen is not cut again inside a part', () => {
    const builtin = (word: string): string[] => [word.slice(0, 4), word.slice(4)];
    expect(hyphenationFor('en')('ninety-minute', builtin)).toEqual(['ninety-minute']);
    expect(hyphenationFor('en')('“light-hearted”', builtin)).toEqual(['“light-hearted”']);
  });
});

describe('Chinese and Japanese line breaks', () => {
  const keep = (part: string): string[] => [part];
  const breaks = (word: string): string => cjkBreaks(word, keep).join('|');

  test('a line may break between any two ideographs or kana, with no hyphen (an empty syllable)', () => {
    expect(cjkBreaks('汉字', keep)).toEqual(['', '汉', '', '字']);
    expect(breaks('日本語の文')).toBe('|日||本||語||の||文');
  });

  test('never before closing punctuation, small kana or the long-vowel mark, never after an opening bracket', () => {
    expect(breaks('句号。逗号，')).toBe('|句||号。||逗||号，');
    expect(breaks('「かぎ」')).toBe('|「か||ぎ」');
    expect(breaks('（例如）')).toBe('|（例||如）');
    expect(breaks('コンピューター')).toBe('|コ||ン||ピュー||ター');
    expect(breaks('ちょっと')).toBe('|ちょっ||と');
    expect(breaks('人々')).toBe('|人々');
  });

  test('a Latin word inside stays one piece and is hyphenated as its own language', () => {
    const hyphen = (part: string): string[] => [part.slice(0, 2), part.slice(2)];
    expect(cjkBreaks('用Python写', hyphen)).toEqual(['', '用', '', 'Py', 'thon', '', '写']);
    expect(cjkBreaks('Python', hyphen)).toEqual(['Py', 'thon']);
  });

  test('Korean breaks at spaces only, like Latin text', () => {
    expect(cjkBreaks('대한민국은', keep)).toEqual(['대한민국은']);
  });

  test('headings and code, never hyphenated, still break between ideographs', () => {
    expect(whole('这是一个很长的中文标题，用来测试在页面上断行')).toContain('');
    expect(whole('这是一个很长的中文标题').join('')).toBe('这是一个很长的中文标题');
  });

  test('code lines count ideographs as two columns', () => {
    expect(wrap('汉'.repeat(15), 20).map((p) => [...p.text].length)).toEqual([10, 5]);
    expect(wrap('ab汉字', 4).map((p) => p.text)).toEqual(['ab汉', '字']);
  });
});

describe('splitLines', () => {
  test('a line break inside emphasis splits the emphasis too, and an id stays with the first piece', () => {
    const em = { type: 'Text' as const, style: ['emphasis' as const], props: { id: 'x' }, children: ['a\nb'] };
    expect(splitLines(['one ', em, ' two'])).toEqual([
      ['one ', { ...em, children: ['a'] }],
      [{ type: 'Text', style: ['emphasis'], props: {}, children: ['b'] }, ' two'],
    ]);
  });
});

describe('table layout', () => {
  const table = (rows: string[][]): Table => ({
    type: 'table',
    children: rows.map((cells) => ({
      type: 'tableRow',
      children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })),
    })),
  });

  test('columns share the width by their text, each at least as wide as its longest word', () => {
    const layout = tableLayout(
      table([
        ['#', 'Name', 'Notes'],
        ['1', 'Person', 'a rather long note that wraps'],
      ]),
      450,
      9,
      4,
    );
    expect(layout.fontSize).toBe(9);
    expect(layout.chunk).toEqual([undefined, undefined, undefined]);
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
    const [number = 0, name = 0, notes = 0] = layout.widths;
    expect(number).toBeLessThan(name);
    expect(name).toBeLessThan(notes);
    expect((name / 100) * 450).toBeGreaterThanOrEqual(7 * 0.55 * 9 + 8);
  });

  test('a table too wide is set smaller, and past 6 pt its words are cut', () => {
    const wide = tableLayout(table([Array.from({ length: 8 }, () => 'supercalifragilistic')]), 450, 9, 4);
    expect(wide.fontSize).toBeLessThan(9);
    expect(wide.fontSize).toBeGreaterThanOrEqual(6);
    const impossible = tableLayout(table([Array.from({ length: 20 }, () => 'supercalifragilistic')]), 450, 9, 4);
    expect(impossible.fontSize).toBe(6);
    expect(impossible.chunk.every((n) => typeof n === 'number' && n >= 3)).toBe(true);
  });

  test('past 6 pt, only the columns of long words are cut: numbers and short words stay whole', () => {
    const long = 'Counterrevolutionaries'.repeat(8);
    const layout = tableLayout(
      table([
        ['No.', 'Word', 'Amount', 'Note'],
        ['1', long, '6172.5', 'short'],
      ]),
      450,
      9,
      4,
    );
    expect(layout.fontSize).toBe(6);
    expect(layout.chunk.map((n) => n === undefined)).toEqual([true, false, true, true]);
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
    // "Amount" (6 characters) keeps a column as wide as it needs.
    expect(((layout.widths[2] ?? 0) / 100) * 450).toBeGreaterThan(7 * 0.55 * 6 + 8 - 0.1);
  });
});

describe('words too long for a line', () => {
  test('break after their own punctuation, or every 20 characters, and nowhere if short', () => {
    expect(whole('https://example.com/a')).toEqual(['https://example.com/a']);
    expect(whole('https://example.com/a/very/long/path').join('')).toBe('https://example.com/a/very/long/path');
    expect(whole('https://example.com/a/very/long/path')).toContain('long/');
    expect(whole('x'.repeat(45))).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
  });
});
