import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { repoRoot, tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { placedText, readPdf } from '../helpers/pdf.js';
import { pdffonts } from '../helpers/tools.js';

/** A one-chapter book from `markdown` (and files beside it), built; the outputs' paths. */
async function built(markdown: string, yaml = '', formats: ('pdf' | 'epub')[] = ['pdf']) {
  const dir = path.join(tempDir(), 'book');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'book.yaml'), `title: Content\nchapters: [one.md]\n${yaml}`);
  writeFileSync(path.join(dir, 'one.md'), markdown);
  writeFileSync(
    path.join(dir, 'chart.gif'),
    readFileSync(path.join(repoRoot, 'tests/fixtures/image-formats/images/chart.gif')),
  );
  const result = await build({ input: dir, outDir: tempDir(), formats, sourceDateEpoch: '0' });
  expect(result.ok, JSON.stringify(result.files.flatMap((f) => f.messages.map((m) => m.reason)))).toBe(true);
  const out = (format: string) => result.outputs.find((o) => o.format === format)?.path ?? '';
  return { pdf: out('pdf'), epub: out('epub') };
}

describe('a table longer than a page', () => {
  const rows = Array.from(
    { length: 70 },
    (_, i) =>
      `| ${i + 1} | Item ${i + 1}, described at enough length to wrap in its narrow cell | ${(i * 3.5).toFixed(2)} |`,
  );
  const markdown = `# A long table\n\n| No. | Description | Amount |\n|--:|---|--:|\n${rows.join('\n')}\n\nAfter the table.\n`;

  test('repeats its header row at the top of every page it runs on to, above that page’s rows', async () => {
    const pages = await placedText(readFileSync((await built(markdown)).pdf));
    const tablePages = pages.filter((page) => page.items.some((item) => /^Item \d+,/.test(item.str)));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const page of tablePages) {
      const headers = page.items.filter((item) => item.str === 'Description');
      expect(headers).toHaveLength(1);
      const rowTops = page.items.filter((item) => /^Item \d+,/.test(item.str)).map((item) => item.y);
      expect(Math.max(...rowTops)).toBeLessThan(headers[0]?.y ?? 0);
      // No row is drawn over the header: the first row is a line below it.
      expect((headers[0]?.y ?? 0) - Math.max(...rowTops)).toBeGreaterThan(8);
    }
    // Every row printed once, in order.
    const items = tablePages.flatMap((page) => page.items.map((item) => item.str).filter((s) => /^Item \d+,/.test(s)));
    expect(items.map((s) => Number(/^Item (\d+)/.exec(s)?.[1]))).toEqual(rows.map((_, i) => i + 1));
  }, 120_000);

  test('keeps every cell’s text inside the page’s text block', async () => {
    const pages = await placedText(readFileSync((await built(markdown)).pdf));
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.x).toBeGreaterThanOrEqual(72 - 0.5);
        expect(item.x).toBeLessThan(page.width - 72);
      }
    }
  }, 120_000);
});

test('no cell’s text runs into the next cell, even a word longer than its column', async () => {
  const long = 'Counterrevolutionaries'.repeat(8);
  const rows = Array.from(
    { length: 6 },
    (_, i) =>
      `| ${i + 1} | ${long} | https://example.org/${'path/'.repeat(8)}${i} | ${(i * 1234.5).toFixed(1)} | short |`,
  );
  const markdown = `# Wide\n\n| No. | Word | Address | Amount | Note |\n|--:|---|---|--:|---|\n${rows.join('\n')}\n`;
  const pages = await placedText(readFileSync((await built(markdown)).pdf));
  let lines = 0;
  for (const page of pages) {
    const rows = new Map<number, typeof page.items>();
    for (const item of page.items) {
      const y = [...rows.keys()].find((row) => Math.abs(row - item.y) < 1) ?? item.y;
      rows.set(y, [...(rows.get(y) ?? []), item]);
    }
    for (const items of rows.values()) {
      const sorted = [...items].sort((a, b) => a.x - b.x);
      for (let i = 1; i < sorted.length; i++) {
        const [left, right] = [sorted[i - 1], sorted[i]];
        if (!left || !right) continue;
        expect(left.x + left.width, `“${left.str}” runs into “${right.str}”`).toBeLessThanOrEqual(right.x + 0.5);
      }
      for (const item of sorted) expect(item.x + item.width).toBeLessThanOrEqual(page.width - 72 + 0.5);
      if (sorted.length >= 4) lines++;
    }
  }
  expect(lines).toBeGreaterThan(6);
}, 120_000);

test('a table that starts at the foot of a page never leaves its header there alone', async () => {
  const rows = Array.from(
    { length: 11 },
    (_, i) => `| ${i + 1} | Item ${i + 1}, long enough to wrap in its narrow cell for a second line | ${i} |`,
  );
  // 36 to 38 one-line paragraphs put the table where only its header fitted at the foot of page 1.
  for (const lines of [36, 37, 38]) {
    const before = Array.from({ length: lines }, (_, k) => `Line ${k}.`).join('\n\n');
    const markdown = `${before}\n\n| No. | Description | Amount |\n|--:|---|--:|\n${rows.join('\n')}\n`;
    const pages = await placedText(readFileSync((await built(markdown)).pdf));
    for (const page of pages) {
      const header = page.items.some((item) => item.str === 'Description');
      const row = page.items.some((item) => /^Item \d+,/.test(item.str));
      expect(header, `${lines} lines before: a page with the header has a row`).toBe(row);
    }
  }
}, 120_000);

describe('figures', () => {
  const markdown = '# Figures\n\n![A chart](chart.gif "A chart")\n\nText.\n\n![Again](chart.gif)\n';

  test('numbered when the style asks, in both outputs, and only then', async () => {
    const { pdf, epub } = await built(markdown, 'style:\n  figures:\n    numbered: true\n', ['pdf', 'epub']);
    const text = (await readPdf(readFileSync(pdf))).pages.join('\n');
    expect(text).toMatch(/Figure 1\.\s*A chart/);
    expect(text).toMatch(/Figure 2\.\s*Again/);
    const book = await readEpub(readFileSync(epub));
    const chapter = await book.text(
      book.names.find((name) => /ch\w*\.xhtml$/.test(name) && !/toc|nav|cover/.test(name)) ?? '',
    );
    expect(chapter).toContain('<figcaption><span class="figure-label">Figure 1.</span> A chart</figcaption>');
    expect(chapter).toContain('<figcaption><span class="figure-label">Figure 2.</span> Again</figcaption>');

    const plain = await built(markdown);
    expect((await readPdf(readFileSync(plain.pdf))).pages.join('\n')).not.toContain('Figure 1');
  }, 120_000);
});

describe('highlighted code in the PDF', () => {
  test('keywords bold and comments italic (JetBrains Mono’s faces), a long line wrapped with its marker', async () => {
    const long = 'x'.repeat(30);
    const markdown = `# Code\n\n\`\`\`python\ndef f():  # ${'a comment that runs on '.repeat(5)}\n    return ${long}\n\`\`\`\n`;
    const { pdf } = await built(markdown);
    const fonts = pdffonts(pdf).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toEqual(
      expect.arrayContaining(['JetBrainsMono-Bold', 'JetBrainsMono-Italic', 'JetBrainsMono-Regular']),
    );
    const text = (await readPdf(readFileSync(pdf))).pages.join('\n');
    expect(text).toContain('→');
    expect(text).toContain('def f():');
  }, 120_000);
});
