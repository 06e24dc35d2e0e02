import { describe, expect, test } from 'vitest';
import type { Code } from 'mdast';
import { cutRuns, highlightable, highlightLines } from '../../src/writers/highlight.js';
import { code } from '../../src/writers/pdf/handlers/code.js';
import type { PdfChild, PdfElement } from '../../src/writers/pdf/element.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { themes } from '../../styles/themes/index.js';
import { epubCss } from '../../styles/epub-css.js';
import { stylesheet } from '../../src/writers/pdf/stylesheet.js';

const joined = (lines: { text: string }[][]): string =>
  lines.map((runs) => runs.map((r) => r.text).join('')).join('\n');

describe('highlightLines', () => {
  test('names the kinds of a language the fence names', () => {
    const [line] = highlightLines('const n = 42; // the answer', 'js');
    expect(line).toEqual([
      { text: 'const', kind: 'keyword' },
      { text: ' n = ' },
      { text: '42', kind: 'number' },
      { text: '; ' },
      { text: '// the answer', kind: 'comment' },
    ]);
  });

  test('takes aliases and any case: js, TS, py, sh, yml, html, rs, golang, c++', () => {
    for (const lang of ['js', 'TS', 'py', 'sh', 'yml', 'html', 'rs', 'golang', 'c++', 'diff', 'sql', 'java'])
      expect(highlightable(lang), lang).toBe(true);
    expect(highlightable('klingon')).toBe(false);
    expect(highlightable(undefined)).toBe(false);
  });

  test('never guesses: a fence without a language, or one Octavo does not know, is one plain run a line', () => {
    expect(highlightLines('const x = 1;\nreturn x;', undefined)).toEqual([
      [{ text: 'const x = 1;' }],
      [{ text: 'return x;' }],
    ]);
    expect(highlightLines('const x = 1;', 'klingon')).toEqual([[{ text: 'const x = 1;' }]]);
  });

  test('the runs join up to the code as typed, across lines and nested scopes', () => {
    const source = 'const s = `a ${b + `c`} d`;\n\n  /* two\n lines */ f();\n';
    expect(joined(highlightLines(source, 'ts'))).toBe(source);
    const python = 'def f():\n    """doc\n    more"""\n    return {"a": [1, 2.5e3]}\n';
    expect(joined(highlightLines(python, 'python'))).toBe(python);
  });

  test('code inside a string is plain again', () => {
    const [line] = highlightLines('`a${b}c`', 'js');
    expect(line).toEqual([{ text: '`a', kind: 'string' }, { text: '${b}' }, { text: 'c`', kind: 'string' }]);
  });
});

describe('cutRuns', () => {
  test('cuts runs at the given lengths, keeping each piece its kind', () => {
    const runs = [
      { text: 'return', kind: 'keyword' as const },
      { text: ' x + ' },
      { text: '"long"', kind: 'string' as const },
    ];
    expect(cutRuns(runs, [4, 5, 8])).toEqual([
      [{ text: 'retu', kind: 'keyword' }],
      [{ text: 'rn', kind: 'keyword' }, { text: ' x ' }],
      [{ text: '+ ' }, { text: '"long"', kind: 'string' }],
    ]);
  });
});

describe('a highlighted code block in the PDF', () => {
  const state = {
    tokens: classicTheme,
    textWidth: 200,
    inset: 0,
  } as unknown as Parameters<typeof code>[0];
  const texts = (child: PdfChild): string =>
    typeof child === 'string' ? child : (child.children ?? []).map(texts).join('');
  const lines = (node: Code): PdfElement[] => {
    const block = code(state, node).find((c): c is PdfElement => typeof c !== 'string' && c.style?.[0] === 'codeBlock');
    return (block?.children ?? []) as PdfElement[];
  };

  test('a wrapped line keeps its colours on both sides of the cut, and its → marker', () => {
    const value = '// ' + 'word '.repeat(20) + 'end';
    const drawn = lines({ type: 'code', lang: 'js', value });
    expect(drawn.length).toBeGreaterThan(1);
    const [first, second] = drawn;
    expect(first?.children?.[0]).toMatchObject({ type: 'Text', style: ['syntax-comment'] });
    expect(second?.children?.[0]).toMatchObject({ style: ['codeMarker'], children: ['→ '] });
    expect(second?.children?.[1]).toMatchObject({ type: 'Text', style: ['syntax-comment'] });
    expect(drawn.map(texts).join('').replace(/→ /g, '')).toBe(value);
  });

  test('indentation survives as no-break spaces before a highlighted token', () => {
    const [, second] = lines({ type: 'code', lang: 'python', value: 'if x:\n    return 1' });
    expect(second?.children?.[0]).toBe('\u00a0'.repeat(4));
    expect(second?.children?.[1]).toMatchObject({ style: ['syntax-keyword'], children: ['return'] });
  });
});

test('every kind has a style in the PDF and a rule in the EPUB, with weight or slant where the theme asks', () => {
  const sheet = stylesheet(classicTheme, { justify: true });
  const css = epubCss(classicTheme);
  for (const [kind, style] of Object.entries(classicTheme.syntax)) {
    expect(sheet[`syntax-${kind}` as keyof typeof sheet]).toMatchObject({ color: style.color });
    expect(css).toContain(`pre .syntax-${kind} { color: ${style.color};`);
  }
  expect(sheet['syntax-keyword']).toMatchObject({ fontWeight: 'bold' });
  expect(sheet['syntax-comment']).toMatchObject({ fontStyle: 'italic' });
});

/** WCAG's contrast ratio of two hex colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

test('every theme’s code colours read at 7:1 or more on its code background (WCAG AAA), so small print stays legible', () => {
  for (const theme of Object.values(themes).filter((t) => t !== undefined)) {
    for (const [kind, style] of Object.entries(theme.syntax)) {
      expect(contrast(style.color, theme.colors.codeBackground), `${theme.name} ${kind}`).toBeGreaterThanOrEqual(7);
    }
  }
});
