import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { themeNames } from '../../styles/themes/index.js';
import { copyManuscript, manuscriptBlocks, tempDir } from '../helpers/books.js';
import { readEpub, xhtmlText } from '../helpers/epub.js';
import { normalizeText, placedText, readPdf } from '../helpers/pdf.js';
import { epubcheck, pdffonts } from '../helpers/tools.js';

/** The shipped manuscript with lines added to its book.yaml. */
function manuscriptWith(yaml: string): string {
  const dir = copyManuscript();
  const file = path.join(dir, 'book.yaml');
  writeFileSync(file, `${readFileSync(file, 'utf8')}${yaml}`);
  return dir;
}

async function buildBook(input: string, formats: ('pdf' | 'epub')[] = ['pdf', 'epub']) {
  const result = await build({ input, outDir: tempDir(), formats, sourceDateEpoch: '1767571200' });
  expect(result.ok, result.files.flatMap((f) => f.messages.map(String)).join('\n')).toBe(true);
  expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
  const pathOf = (format: string): string => result.outputs.find((o) => o.format === format)?.path ?? '';
  return { pdf: pathOf('pdf'), epub: pathOf('epub') };
}

/** The PostScript names of a PDF's fonts, without the subset prefix. */
const fontNames = (file: string): string[] => pdffonts(file).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));

const faces: Record<(typeof themeNames)[number], { pdf: RegExp; css: string }> = {
  classic: { pdf: /^Literata-/, css: '"Literata", serif' },
  modern: { pdf: /^SourceSans3-/, css: '"Source Sans 3", sans-serif' },
  handout: { pdf: /^Literata-/, css: '"Literata", serif' },
};

describe.each(themeNames)('theme: %s', (theme) => {
  test('builds the shipped manuscript: every font embedded, a valid EPUB in the same faces', async () => {
    const { pdf, epub } = await buildBook(manuscriptWith(`theme: ${theme}\n`));

    const fonts = pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).not.toMatch(/Helvetica|Times|Courier/);
    }
    for (const name of fontNames(pdf)) expect(name).toMatch(faces[theme].pdf);
    // Each page's last line is its footer, which ends in the page number (and the count, in a handout);
    // after the first, a book's page opens with its running header.
    const pages = (await readPdf(readFileSync(pdf))).pages.map((page, i) =>
      page.replace(/[^\n]*\d+\s*$/, '').replace(i > 0 ? /^A State Visit and a Selfie\n/ : /^$/, ''),
    );
    const text = normalizeText(pages.join('\n')).replace(/-/g, '');
    for (const block of manuscriptBlocks()) expect(text).toContain(normalizeText(block).replace(/-/g, ''));

    const check = epubcheck(epub);
    expect(check.errors, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
    const files = await readEpub(readFileSync(epub));
    const css = await files.text(files.names.find((name) => name.endsWith('.css')) ?? '');
    expect(css).toContain(`font-family: ${faces[theme].css};`);
    expect(css).toContain('font-family: "JetBrains Mono", monospace;');
    expect(normalizeText(xhtmlText(await files.text('OEBPS/ch01.xhtml')))).toContain(
      normalizeText(manuscriptBlocks()[0] ?? ''),
    );
  });
});

describe('style overrides in book.yaml', () => {
  test('page.size letter sets every page to 612 × 792', async () => {
    const { pdf } = await buildBook(manuscriptWith('style:\n  page:\n    size: letter\n'), ['pdf']);
    const pages = await placedText(readFileSync(pdf));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect([page.width, page.height].map(Math.round)).toEqual([612, 792]);
  });

  test('size.body and page.margin change the text as set, and fonts.body its face', async () => {
    const plain = await buildBook(manuscriptWith(''), ['pdf']);
    const styled = await buildBook(
      manuscriptWith(
        'style:\n  size:\n    body: 13\n  page:\n    margin: { inner: 100 }\n  fonts:\n    body: Source Sans 3\n',
      ),
      ['pdf'],
    );
    // The opening paragraph's first words, in each.
    const opening = async (file: string) =>
      (await placedText(readFileSync(file)))[0]?.items.find((item) => item.str.startsWith('In a rare'));
    expect(await opening(plain.pdf)).toMatchObject({ size: expect.closeTo(11, 1), x: expect.closeTo(72, 0) });
    expect(await opening(styled.pdf)).toMatchObject({ size: expect.closeTo(13, 1), x: expect.closeTo(100, 0) });
    // Sans text (and running header, in italic) under the theme's serif headings.
    expect(fontNames(styled.pdf).sort()).toEqual(['Literata-Bold', 'SourceSans3-Italic', 'SourceSans3-Regular']);
  });

  test('--profile handout keeps the book’s style on top of the handout theme', async () => {
    const input = manuscriptWith("theme: modern\nstyle:\n  page:\n    size: a5\n  colors:\n    link: '#8a1c1c'\n");
    const result = await build({ input, outDir: tempDir(), formats: ['pdf'], profile: 'handout' });
    expect(result.ok).toBe(true);
    const file = result.outputs[0]?.path ?? '';
    expect(path.basename(file)).toBe('a-state-visit-and-a-selfie-handout.pdf');
    // The handout's faces, not modern's; the book's A5 page, not the handout's A4.
    for (const name of fontNames(file)) expect(name).toMatch(/^Literata-/);
    for (const page of await placedText(readFileSync(file))) {
      expect([page.width, page.height].map(Math.round)).toEqual([420, 595]);
    }
  });
});
