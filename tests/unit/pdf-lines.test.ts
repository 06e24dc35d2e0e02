import * as fontkit from 'fontkit';
import { describe, expect, test } from 'vitest';
import type { Table } from 'mdast';
import { wrap } from '../../src/writers/pdf/handlers/code.js';
import { tableLayout } from '../../src/writers/pdf/handlers/table.js';
import { hyphenationFor, unbreakable, whole } from '../../src/writers/pdf/hyphenation.js';
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

  test('English prose uses the patterns; other languages and code words stay whole', () => {
    const builtin = (word: string): string[] => [word.slice(0, 3), word.slice(3)];
    expect(hyphenationFor('en-GB')('diplomatic', builtin)).toEqual(['dip', 'lomatic']);
    expect(hyphenationFor('en')('snake_case_name', builtin)).toEqual(['snake_case_name']);
    expect(hyphenationFor('de')('Bundespräsident', builtin)).toEqual(['Bundespräsident']);
  });

  test('a compound with its own hyphen is not cut again inside a part', () => {
    const builtin = (word: string): string[] => [word.slice(0, 4), word.slice(4)];
    expect(hyphenationFor('en')('ninety-minute', builtin)).toEqual(['ninety-minute']);
    expect(hyphenationFor('en')('“light-hearted”', builtin)).toEqual(['“light-hearted”']);
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
});

describe('words too long for a line', () => {
  test('break after their own punctuation, or every 20 characters, and nowhere if short', () => {
    expect(whole('https://example.com/a')).toEqual(['https://example.com/a']);
    expect(whole('https://example.com/a/very/long/path').join('')).toBe('https://example.com/a/very/long/path');
    expect(whole('https://example.com/a/very/long/path')).toContain('long/');
    expect(whole('x'.repeat(45))).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
  });
});
