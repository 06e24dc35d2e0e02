import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFArray, PDFNumber } from 'pdf-lib';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/books.js';
import { normalizeText, placedText, readPdf, type PlacedPage } from '../helpers/pdf.js';
import { pdffonts, qpdfCheck } from '../helpers/tools.js';

/** A book of `pages` chapters, one page each, every page saying its number; no title page or contents before them. */
function numberedBook(pages: number): string {
  const dir = path.join(tempDir(), `numbered-${pages}`);
  mkdirSync(dir, { recursive: true });
  const chapters = Array.from({ length: pages }, (_, i) => `part-${i + 1}.md`);
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Numbered\nlang: en\ndate: 2026-01-05\npdf: { titlePage: false, toc: false }\nchapters:\n${chapters.map((c) => `  - ${c}`).join('\n')}\n`,
  );
  chapters.forEach((file, i) => writeFileSync(path.join(dir, file), `# Part ${i + 1}\n\nMarker page ${i + 1}.\n`));
  return dir;
}

async function imposed(pages: number, impose: 'booklet' | '2up' | '4up', extra: { marks?: boolean } = {}) {
  const out = tempDir();
  const result = await build({
    input: numberedBook(pages),
    formats: ['pdf'],
    outDir: out,
    impose,
    paper: [595.28, 841.89],
    sourceDateEpoch: '1767571200',
    ...extra,
  });
  expect(result.ok, JSON.stringify(result.files.map((f) => f.messages.map(String)))).toBe(true);
  const file = result.outputs[0]?.path ?? '';
  return { file, bytes: new Uint8Array(readFileSync(file)), pages: result.outputs[0]?.pages };
}

/**
 * What each cell of each sheet side shows: the page number its marker names, or
 * null when the cell is empty. A cell must hold the heading and the marker of the
 * same page (a chapter's first page has no header or number).
 */
function cellsOf(side: PlacedPage, columns: number, rows: number): (number | null)[] {
  const cells: (number | null)[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const left = (side.width / columns) * column;
      const top = side.height - (side.height / rows) * row;
      const inside = side.items.filter(
        (item) =>
          item.x >= left && item.x < left + side.width / columns && item.y <= top && item.y > top - side.height / rows,
      );
      if (inside.length === 0) {
        cells.push(null);
        continue;
      }
      const marker = inside.map((item) => /Marker page (\d+)/.exec(item.str)?.[1]).find(Boolean);
      const number = Number(marker);
      expect(inside.map((item) => item.str.trim())).toEqual(
        expect.arrayContaining([`Part ${number}`, `Marker page ${number}.`]),
      );
      cells.push(number);
    }
  }
  return cells;
}

/** Fold a stack of printed booklet sheets and read it: the page numbers in reading order. */
function readFolded(sides: (number | null)[][]): (number | null | undefined)[] {
  const sheets = sides.length / 2;
  const order: (number | null | undefined)[] = [];
  // Outer half: each sheet's front right, then its back left, from the outside in.
  for (let s = 0; s < sheets; s++) order.push(sides[2 * s]?.[1], sides[2 * s + 1]?.[0]);
  // Inner half, from the centre fold back out: back right, then front left.
  for (let s = sheets - 1; s >= 0; s--) order.push(sides[2 * s + 1]?.[1], sides[2 * s]?.[0]);
  return order;
}

const sizes = [1, 3, 4, 5, 17];

describe.each(sizes)('a numbered book of %i pages', (pages) => {
  test('booklet: sheets that read 1, 2, 3… when folded, blanks at the end', async () => {
    const { bytes, pages: reported } = await imposed(pages, 'booklet');
    const sides = await placedText(bytes);
    const padded = Math.ceil(pages / 4) * 4;
    expect(sides).toHaveLength(padded / 2);
    expect(reported).toBe(padded / 2);
    for (const side of sides) {
      // A4 landscape: two A5 pages side by side.
      expect(side.width).toBeCloseTo(841.89, 1);
      expect(side.height).toBeCloseTo(595.28, 1);
    }
    const cells = sides.map((side) => cellsOf(side, 2, 1));
    const expected = Array.from({ length: padded }, (_, i) => (i < pages ? i + 1 : null));
    expect(readFolded(cells)).toEqual(expected);
  });

  test('2up: two pages per landscape side in reading order', async () => {
    const { bytes, pages: reported } = await imposed(pages, '2up');
    const sides = await placedText(bytes);
    expect(sides).toHaveLength(Math.ceil(pages / 2));
    expect(reported).toBe(sides.length);
    sides.forEach((side, i) => {
      expect(side.width).toBeGreaterThan(side.height);
      expect(cellsOf(side, 2, 1)).toEqual([2 * i + 1, 2 * i + 2].map((n) => (n <= pages ? n : null)));
    });
  });

  test('4up: four pages per portrait side, left to right then down', async () => {
    const { bytes } = await imposed(pages, '4up');
    const sides = await placedText(bytes);
    expect(sides).toHaveLength(Math.ceil(pages / 4));
    sides.forEach((side, i) => {
      expect(side.width).toBeLessThan(side.height);
      expect(cellsOf(side, 2, 2)).toEqual([1, 2, 3, 4].map((k) => 4 * i + k).map((n) => (n <= pages ? n : null)));
    });
  });
});

describe('booklet sheets, written out', () => {
  test.each([
    [
      1,
      [
        [null, 1],
        [null, null],
      ],
    ],
    [
      3,
      [
        [null, 1],
        [2, 3],
      ],
    ],
    [
      4,
      [
        [4, 1],
        [2, 3],
      ],
    ],
    [
      5,
      [
        [null, 1],
        [2, null],
        [null, 3],
        [4, 5],
      ],
    ],
  ])('%i pages', async (pages, expected) => {
    const { bytes } = await imposed(pages, 'booklet');
    const sides = await placedText(bytes);
    expect(sides.map((side) => cellsOf(side, 2, 1))).toEqual(expected);
  });
});

describe('an imposed PDF', () => {
  let file: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    ({ file, bytes } = await imposed(5, 'booklet', { marks: true }));
  });

  test('is sound, keeps every font embedded and its text extractable', async () => {
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
    expect(pdffonts(file).every((font) => font.embedded)).toBe(true);
    const text = normalizeText((await readPdf(bytes)).pages.join('\n'));
    for (let n = 1; n <= 5; n++) expect(text).toContain(`Marker page ${n}.`);
  });

  test('with --marks: the sheet is the TrimBox, the bleed 3 mm around it, crop marks outside both', async () => {
    const doc = await PDFDocument.load(bytes);
    const box = (page: ReturnType<PDFDocument['getPage']>, name: string): number[] =>
      (page.node.get(PDFName.of(name)) as PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    for (const page of doc.getPages()) {
      const [tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0] = box(page, 'TrimBox');
      expect(tx1 - tx0).toBeCloseTo(841.89, 1);
      expect(ty1 - ty0).toBeCloseTo(595.28, 1);
      const bleed = (3 * 72) / 25.4;
      const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = box(page, 'BleedBox');
      expect([tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1].map((d) => d.toFixed(2))).toEqual(
        Array(4).fill(bleed.toFixed(2)),
      );
      const [mx0 = 0, my0 = 0, mx1 = 0, my1 = 0] = box(page, 'MediaBox');
      expect(Math.min(bx0 - mx0, by0 - my0, mx1 - bx1, my1 - by1)).toBeGreaterThanOrEqual(20);
    }
    // The marks are drawn: eight corner lines and two fold marks per side, stroked in registration black.
    const content = execFileSync('qpdf', ['--stream-data=uncompress', file, '-']).toString('latin1');
    const strokes = content.match(/1 1 1 1 K\n0\.25 w\n[^\n]*\n(?:[-\d.]+ [-\d.]+ m\n)+[-\d.]+ [-\d.]+ l\nS/g) ?? [];
    expect(strokes).toHaveLength(doc.getPageCount() * 10);
  });

  test('two builds are byte-identical', async () => {
    const again = await imposed(5, 'booklet', { marks: true });
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

test('--marks alone keeps the PDF a PDF: outline, links and text as before', async () => {
  const input = numberedBook(3);
  writeFileSync(
    path.join(input, 'part-1.md'),
    '# Part 1\n\nOn to [part 3](part-3.md) and [the web](https://example.org/).\n',
  );
  const plain = await build({ input, formats: ['pdf'], outDir: tempDir(), sourceDateEpoch: '0' });
  const marked = await build({ input, formats: ['pdf'], outDir: tempDir(), sourceDateEpoch: '0', marks: true });
  const before = await readPdf(readFileSync(plain.outputs[0]?.path ?? ''));
  const after = await readPdf(readFileSync(marked.outputs[0]?.path ?? ''));
  expect(before.links).toEqual([
    { page: 1, targetPage: 3 },
    { page: 1, url: 'https://example.org/' },
  ]);
  expect(after.outline).toEqual(before.outline);
  expect(after.links).toEqual(before.links);
  expect(after.pages).toEqual(before.pages);
  expect(after.info.Title).toBe('Numbered');
  expect(marked.outputs[0]?.pages).toBe(3);
});
