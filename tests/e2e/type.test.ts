/**
 * Type and languages in the PDF: every script of the scripts fixture drawn from
 * embedded fonts, Chinese and Japanese lines broken between characters inside
 * the margins, German hyphenated with German patterns, and a book without CJK
 * that never registers the CJK faces.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { build } from '../../src/core/build.js';
import { manuscriptDir, tempDir } from '../helpers/books.js';
import { normalizeText, placedText, readPdf } from '../helpers/pdf.js';
import { pdffonts, qpdfCheck } from '../helpers/tools.js';

const fixture = path.join(import.meta.dirname, '../fixtures/scripts/input.md');
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const standard14 = /^(Helvetica|Times|Courier|Symbol|ZapfDingbats)/;

/** Text as pdftotext gives it, in reading order. */
function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Prose compared as read: hyphenation undone, spaces collapsed, and none left where a line broke between CJK characters. */
function comparable(text: string): string {
  return normalizeText(text).replace(new RegExp(`(${cjk.source}) (?=${cjk.source})`, 'gu'), '$1');
}

describe('a book without Chinese, Japanese or Korean', () => {
  // First in this file: react-pdf registers a family once per process, and the builds below register the CJK faces.
  test('registers and embeds no CJK face', async () => {
    const register = vi.spyOn(Font, 'register');
    try {
      const result = await build({ input: manuscriptDir, formats: ['pdf'], outDir: tempDir() });
      const families = register.mock.calls.map(([data]) => (data as { family: string }).family);
      expect(families).toContain('Literata');
      expect(families.filter((family) => /Noto Sans (JP|KR|SC)/.test(family))).toEqual([]);
      expect(Font.getRegisteredFontFamilies().filter((family) => /Noto Sans (JP|KR|SC)/.test(family))).toEqual([]);
      const fonts = pdffonts(result.outputs[0]?.path ?? '').map((font) => font.name);
      expect(fonts.filter((name) => /Noto/.test(name))).toEqual([]);
    } finally {
      register.mockRestore();
    }
  });
});

describe('the scripts fixture as PDF', () => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    const result = await build({ input: fixture, formats: ['pdf'], outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
    file = result.outputs[0]?.path ?? '';
    text = pdftotext(file);
  });

  test('every font is embedded, none is a standard 14 font, and the fallbacks are the ones the scripts need', () => {
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const fonts = pdffonts(file);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    expect(fonts.filter((font) => standard14.test(font.name.replace(/^[A-Z]{6}\+/, '')))).toEqual([]);
    const names = fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '').replace(/-.*/, ''));
    for (const face of ['Literata', 'NotoSansKR', 'NotoSansSC', 'NotoSansJP', 'NotoSansSymbols2', 'NotoEmoji']) {
      expect(names, face).toContain(face);
    }
  });

  test('the text of each paragraph reads back as written', () => {
    const source = readFileSync(fixture, 'utf8').split('\n---\n')[1] ?? '';
    const paragraphs = source
      .split(/\n\n+/)
      .map((block) => block.trim())
      .filter((block) => block && !/^(#|`|Code keeps)/.test(block));
    expect(paragraphs).toHaveLength(8);
    // Noto Emoji has no skin tones: the PDF drops the modifier rather than print a swatch.
    expect(text).toContain('👍');
    expect(text).not.toMatch(/[\u{1f3fb}-\u{1f3ff}]/u);
    const read = comparable(text);
    for (const paragraph of paragraphs) {
      expect(read, paragraph.slice(0, 40)).toContain(comparable(paragraph.replace(/[\u{1f3fb}-\u{1f3ff}]/gu, '')));
    }
  });

  test('no line of Chinese, Japanese or Korean ends in a hyphen or starts with closing punctuation', async () => {
    // pdf.js keeps the lines of justified text apart, where pdftotext may join them.
    const { pages } = await readPdf(readFileSync(file));
    const lines = pages
      .join('\n')
      .split('\n')
      .map((line) => line.trim());
    const cjkLines = lines.filter((line) => cjk.test(line) || /\p{Script=Hangul}/u.test(line));
    expect(cjkLines.length).toBeGreaterThan(8);
    for (const line of cjkLines) {
      expect(line, line).not.toMatch(/-$/);
      expect(line, line).not.toMatch(/^[、。，．：；？！）」』】ーっゃゅょッャュョ.,)]/u);
      expect(line, line).not.toMatch(/[（「『【]$/u);
    }
  });

  test('Chinese and Japanese lines stay inside the margins', async () => {
    const bytes = readFileSync(file);
    const { rightEdges } = await readPdf(bytes);
    const pages = await placedText(bytes);
    // Classic theme on A4: 72 pt margins either side.
    const [width = 0] = pages.map((page) => page.width);
    for (const edge of rightEdges) expect(edge).toBeLessThanOrEqual(width - 72 + 0.5);
    const cjkItems = pages.flatMap((page) => page.items.filter((item) => cjk.test(item.str)));
    expect(cjkItems.length).toBeGreaterThan(6);
    for (const item of cjkItems) expect(item.x, item.str).toBeGreaterThanOrEqual(72 - 0.5);
  });
});

describe('hyphenation follows the book’s language', () => {
  const hyphenateDe = (createRequire(import.meta.url)('hyphen/de') as { hyphenateSync: (w: string) => string })
    .hyphenateSync;
  const url = 'https://example.org/Verträge';

  test('German is cut where German patterns allow, and a URL is not cut', async () => {
    const dir = tempDir();
    const words =
      'Die Rechtsschutzversicherungsgesellschaften und die Wirtschaftsministerien vereinbarten eine Zusammenarbeit';
    const body = Array.from({ length: 6 }, () => `${words} (siehe ${url}) über Verhandlungsgrundlagen.`).join(' ');
    writeFileSync(
      path.join(dir, 'de.md'),
      `---\ntitle: Deutsch\nlang: de\nstyle:\n  page:\n    size: 105x148mm\n---\n\n${body}\n`,
    );
    const result = await build({ input: path.join(dir, 'de.md'), formats: ['pdf'], outDir: tempDir() });
    expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
    // pdf.js keeps the lines of justified text apart, where pdftotext may join them.
    const { pages } = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
    const lines = pages
      .join('\n')
      .split('\n')
      .map((line) => line.trim());
    const cuts = lines.flatMap((line, i) => {
      const head = /(\p{L}+)-$/u.exec(line)?.[1];
      const tail = /^(\p{L}+)/u.exec(lines[i + 1] ?? '')?.[1];
      return head && tail ? [{ head, word: head + tail }] : [];
    });
    expect(cuts.length).toBeGreaterThan(2);
    for (const { head, word } of cuts) {
      const allowed = hyphenateDe(word).split('\u00ad');
      const at = allowed.map((_, i) => allowed.slice(0, i + 1).join(''));
      expect(at, `${head}- | ${word}`).toContain(head);
    }
    // US patterns cut “Rechtsschutz…” as “Rechtss-chutz”; German ones never do.
    expect(lines.some((line) => line.endsWith('Rechtss-'))).toBe(false);
    expect(lines.filter((line) => line.includes(url))).toHaveLength(6);
  });
});
