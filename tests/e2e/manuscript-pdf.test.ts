import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../src/core/build.js';
import { manuscriptBlocks, manuscriptDir, tempDir } from '../helpers/books.js';
import { normalizeText, readPdf, type PdfFacts } from '../helpers/pdf.js';
import { pdffonts, qpdfCheck } from '../helpers/tools.js';

/** Prose compared without hyphens, so hyphenation at line ends cannot hide or fake a match. */
const comparable = (text: string): string => normalizeText(text).replace(/-/g, '');

describe('the shipped manuscript as PDF', () => {
  let result: BuildResult;
  let file: string;
  let pdf: PdfFacts;

  beforeAll(async () => {
    result = await build({ input: manuscriptDir, formats: ['pdf'], outDir: tempDir() });
    file = result.outputs[0]?.path ?? '';
    pdf = await readPdf(readFileSync(file));
  });

  test('builds without a message', () => {
    expect(result.ok).toBe(true);
    expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
    expect(path.basename(file)).toBe('a-state-visit-and-a-selfie.pdf');
  });

  test('every paragraph and subhead of the article appears, in order', () => {
    // The running header is the first line of a page after the first, its number the last.
    const text = comparable(
      pdf.pages
        .map((page, i) => (i === 0 ? page : page.replace(/^A State Visit and a Selfie\n/, '')))
        .map((page) => page.replace(/\n?\s*\d+\s*\n?$/, ''))
        .join('\n'),
    );
    let from = 0;
    for (const block of manuscriptBlocks()) {
      const at = text.indexOf(comparable(block), from);
      expect(at, `not found after offset ${from}: ${block.slice(0, 60)}…`).toBeGreaterThanOrEqual(from);
      from = at + comparable(block).length;
    }
  });

  test('the words are typeset with curly quotes and a real dash', () => {
    const all = pdf.pages.join(' ');
    expect(all).toContain('“right strategic choices”');
    expect(all).toContain('Lee’s');
    expect(all).toContain('backdoor”—a witty');
    expect(all).not.toMatch(/"/);
  });

  test('the first page opens on the title with no header or number; every other page has both', () => {
    expect(pdf.pages.length).toBe(result.outputs[0]?.pages);
    const lines = pdf.pages.map((page) => page.trim().split('\n'));
    expect(lines[0]?.[0]).toBe('A State Visit and a Selfie');
    expect(lines[0]?.at(-1)).not.toMatch(/^\s*\d+\s*$/);
    expect(lines.length).toBeGreaterThan(1);
    lines.slice(1).forEach((page, i) => {
      // The book's title over an even page, the chapter's (the same here) over an odd one.
      expect(page[0]?.trim()).toBe('A State Visit and a Selfie');
      expect(page.at(-1)?.trim()).toBe(String(i + 2));
    });
  });

  test('the outline nests the three subheads under the title', () => {
    expect(pdf.outline.map((entry) => entry.title)).toEqual(['A State Visit and a Selfie']);
    expect(pdf.outline[0]?.children.map((entry) => entry.title)).toEqual([
      'A Selfie for the History Books',
      'Banter and “Backdoor” Jokes',
      'Strategic Talks Amid Global Turbulence',
    ]);
    // Each entry jumps to the page that shows its heading.
    for (const entry of pdf.outline[0]?.children ?? []) {
      expect(pdf.pages[entry.page - 1], entry.title).toContain(entry.title);
    }
    expect(pdf.outline[0]?.page).toBe(1);
  });

  test('carries the book metadata', () => {
    expect(pdf.info).toMatchObject({
      Title: 'A State Visit and a Selfie',
      Author: 'Octavo Newsroom',
      Creator: 'Octavo',
      Producer: 'Octavo',
    });
    expect(String(pdf.info.Subject)).toMatch(/^South Korean President Lee Jae Myung/);
    expect(String(pdf.info.CreationDate)).toMatch(/^D:20260105/);
    expect(readFileSync(file, 'latin1')).toMatch(/\/Lang \(en\)/);
  });

  test('passes qpdf --check and embeds every font', () => {
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(/Literata|JetBrains/);
    }
  });
});
