/**
 * Every fixture that has no error, built into real files: the PDF must be sound
 * and readable, the EPUB must pass EPUBCheck with no error and no warning.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { tempDir } from '../helpers/books.js';
import { readPdf } from '../helpers/pdf.js';
import { ebookConvertAsync, epubcheckAsync, pdffonts, qpdfCheck } from '../helpers/tools.js';

const fixtures = path.join(import.meta.dirname, '../fixtures');
const buildable = readdirSync(fixtures).filter(
  (name) =>
    existsSync(path.join(fixtures, name, 'input.md')) &&
    !/error:/.test(readFileSync(path.join(fixtures, name, 'messages.txt'), 'utf8')),
);

describe.each(buildable)('%s', (name) => {
  test('builds a sound PDF and a valid EPUB', async () => {
    const outDir = tempDir();
    const result = await build({ input: path.join(fixtures, name, 'input.md'), outDir, sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    const [pdfOut, epubOut] = result.outputs;
    expect(qpdfCheck(pdfOut?.path ?? '')).toMatch(/No syntax or stream encoding errors/);
    expect(pdffonts(pdfOut?.path ?? '').every((font) => font.embedded)).toBe(true);
    const pdf = await readPdf(readFileSync(pdfOut?.path ?? ''));
    expect(pdf.pages.length).toBe(pdfOut?.pages);
    for (const link of pdf.links.filter((l) => l.url === undefined)) {
      expect(link.targetPage, 'internal link lands on a page').toBeGreaterThanOrEqual(1);
    }
    // EPUBCheck and Calibre's AZW3 conversion (which stands in for Kindle's) run at once.
    const [check, kindle] = await Promise.all([
      epubcheckAsync(epubOut?.path ?? ''),
      ebookConvertAsync(epubOut?.path ?? ''),
    ]);
    expect(check.errors, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
    // Calibre must have nothing to say about the book.
    expect(kindle.status, kindle.output).toBe(0);
    expect(kindle.remarks, kindle.output).toEqual([]);
  });
});

test('links jump to their targets, across chapters too', async () => {
  const book = tempDir();
  writeFileSync(path.join(book, 'book.yaml'), 'title: Two chapters\n');
  writeFileSync(
    path.join(book, '1-one.md'),
    '# One\n\nSee [the second](#two) and [its part](2-two.md#a-part).[^n]\n\n[^n]: A note.\n',
  );
  writeFileSync(path.join(book, '2-two.md'), '# Two\n\nBack to [one](#one).\n\n## A part\n\nText.\n');
  const result = await build({ input: book, outDir: tempDir(), formats: ['pdf'] });
  expect(result.files.flatMap((f) => f.messages)).toEqual([]);
  const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
  // Page 1 is the title page; the contents on page 2 link to One, Two and A part.
  expect(pdf.links).toEqual([
    { page: 2, targetPage: 3 },
    { page: 2, targetPage: 4 },
    { page: 2, targetPage: 4 },
    { page: 3, targetPage: 4 },
    { page: 3, targetPage: 4 },
    { page: 3, targetPage: 3 },
    { page: 3, targetPage: 3 },
    { page: 4, targetPage: 3 },
  ]);
  expect(pdf.outline.map((entry) => [entry.title, entry.page])).toEqual([
    ['One', 3],
    ['Two', 4],
  ]);
  expect(pdf.outline[1]?.children.map((entry) => [entry.title, entry.page])).toEqual([['A part', 4]]);
});

test('a long code block in a list item at a page foot keeps every line apart', async () => {
  // react-pdf overprinted every line of such a block at one spot when it split inside nested Views.
  const paragraphs = Array.from({ length: 38 }, (_, i) => `Para ${i + 1}.`).join('\n\n');
  const code = Array.from({ length: 40 }, (_, i) => `  code line ${i}`).join('\n');
  for (const item of [`- Item\n\n  \`\`\`\n${code}\n  \`\`\``, `- \`\`\`\n${code}\n  \`\`\``]) {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'book.md'), `---\ntitle: Code in a list\n---\n\n${paragraphs}\n\n${item}\n\nAfter.\n`);
    const result = await build({ input: path.join(dir, 'book.md'), outDir: dir, formats: ['pdf'] });
    const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
    const lines = pdf.pages
      .join('\n')
      .split('\n')
      .filter((line) => line.startsWith('code line'));
    expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => `code line ${i}`));
  }
});

test('no text runs past the right margin, and none is lost, however long its words', async () => {
  const url = 'https://example.com/a/very/long/path/that/does/not/break/anywhere/at/all';
  const code = '`inline_code_that_is_extremely_long_and_has_no_break_points_whatsoever`';
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'book.md'),
    [
      '---',
      `title: Antidisestablishmentarianism ${url}`,
      '---',
      '',
      `## Heading with ${url}`,
      '',
      `Text with ${url} and ${code} and more.[^1]`,
      '',
      `> Quote with ${url}`,
      '',
      `| Key | Value |\n|---|---|\n| ${code} | ${url} |`,
      '',
      `[^1]: Note with ${url}`,
    ].join('\n'),
  );
  const result = await build({ input: path.join(dir, 'book.md'), outDir: dir, formats: ['pdf'] });
  const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
  for (const edge of pdf.rightEdges) expect(edge).toBeLessThanOrEqual(595.28 - 72 + 0.5);
  const text = pdf.pages.join('').replace(/-\n/g, '').replace(/\s+/g, '');
  // Title, heading, paragraph, quote, table and note: six times, whole once react-pdf's break hyphens go.
  expect(text.split(url).length - 1).toBe(6);
});

test('a block kept on one page that is taller than a page still prints whole', async () => {
  // react-pdf prints the top of such a block and drops the rest, and only warns.
  const dir = tempDir();
  mkdirSync(path.join(dir, 'images'));
  copyFileSync(path.join(fixtures, 'images/images/figure.png'), path.join(dir, 'images/figure.png'));
  const long = (word: string): string => Array.from({ length: 1200 }, () => word).join(' ');
  writeFileSync(
    path.join(dir, 'book.md'),
    `---\ntitle: Tall blocks\n---\n\n| A | B |\n|---|---|\n| ${long('cell')} | x |\n\n![${long('caption')}](images/figure.png)\n`,
  );
  const result = await build({ input: path.join(dir, 'book.md'), outDir: dir, formats: ['pdf'] });
  expect(result.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'renderer-warning')).toEqual([]);
  const words = (await readPdf(readFileSync(result.outputs[0]?.path ?? ''))).pages.join(' ').split(/\s+/);
  expect(words.filter((w) => w === 'cell')).toHaveLength(1200);
  expect(words.filter((w) => w === 'caption')).toHaveLength(1200);
});

test('a heading never ends a page, whatever follows it', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'images'));
  copyFileSync(path.join(fixtures, 'images/images/figure.png'), path.join(dir, 'images/figure.png'));
  const words = 'the visit selfie photo leader moment online platform shared Beijing president viral'.split(' ');
  const para = (n: number): string =>
    Array.from({ length: n }, (_, i) => words[(i * 7 + n) % words.length]).join(' ') + '.';
  const after = [
    (k: number) => `![Figure ${k}](images/figure.png)`,
    (k: number) => `### Heading ${k} below\n\n${para(40)}`,
    () => `> ${para(50)}`,
    () => para(60),
    () => `- ${para(12)}\n- ${para(12)}`,
  ];
  const blocks = Array.from(
    { length: 60 },
    (_, k) => `${para(20 + ((k * 37) % 90))}\n\n## Heading ${k}\n\n${after[k % after.length]?.(k)}`,
  );
  writeFileSync(path.join(dir, 'book.md'), `---\ntitle: Headings everywhere\n---\n\n${blocks.join('\n\n')}\n`);
  const result = await build({ input: path.join(dir, 'book.md'), outDir: dir, formats: ['pdf'] });
  const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
  expect(pdf.pages.length).toBeGreaterThan(10);
  pdf.pages.forEach((page, index) => {
    const lines = page.trim().split('\n').slice(0, -1); // the last line is the page number
    expect(lines.at(-1), `last line of page ${index + 1}`).not.toMatch(/^Heading \d+/);
  });
});

test('a linked image is a link in the PDF', async () => {
  const result = await build({ input: path.join(fixtures, 'images', 'input.md'), outDir: tempDir(), formats: ['pdf'] });
  const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
  expect(pdf.links.map((l) => l.url)).toContain('https://example.com/logo');
});
