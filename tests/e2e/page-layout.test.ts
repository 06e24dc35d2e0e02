/**
 * The pages of a book of several chapters, read back from the PDF: the title page,
 * the contents (every number is the page its heading lands on, every entry a link
 * there), the outline, the running header and page numbers, and on a two-sided
 * print the chapters' odd first pages and the mirrored margins.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { sectionedBook, tempDir } from '../helpers/books.js';
import { placedText, readPdf, type OutlineEntry, type PdfFacts, type PlacedPage } from '../helpers/pdf.js';

const title = 'Pages';
const chapters = ['One', 'Two', 'Three', 'Four', 'Five'];
/** Sections per chapter: chapters of different lengths, some of an odd number of pages. */
const sections = [3, 1, 4, 2, 3];

/** The headings the book has, in order, with their level. */
const headings: { text: string; level: number; chapter: number }[] = chapters.flatMap((name, chapter) => [
  { text: name, level: 1, chapter },
  ...Array.from({ length: sections[chapter] ?? 0 }, (_, i) => i + 1).flatMap((s) => [
    { text: `${name} ${s}`, level: 2, chapter },
    ...(s % 2 === 0
      ? [
          { text: `${name} ${s}.1`, level: 3, chapter },
          { text: `${name} ${s}.1.1`, level: 4, chapter },
        ]
      : []),
  ]),
]);

interface Book {
  pdf: PdfFacts;
  placed: PlacedPage[];
  /** Each page's lines: its text items grouped by baseline, top to bottom, each line's items left to right. */
  lines: { y: number; text: string; items: PlacedPage['items'] }[][];
}

async function built(yaml = ''): Promise<Book> {
  const input = sectionedBook({
    chapters,
    sections: (c) => sections[c] ?? 0,
    subsections: true,
    yaml: `subtitle: A Study\nauthor: [A. Writer, B. Editor]\npublisher: Basin Press\n${yaml}`,
  });
  const result = await build({ input, outDir: tempDir(), formats: ['pdf'] });
  expect(result.ok).toBe(true);
  const bytes = readFileSync(result.outputs[0]?.path ?? '');
  const placed = await placedText(bytes);
  const lines = placed.map((page) => {
    const rows = new Map<number, PlacedPage['items']>();
    for (const item of page.items) {
      // One line: baselines within a point of each other (a contents number is set apart from its entry's text).
      const y = [...rows.keys()].find((row) => Math.abs(row - item.y) < 1) ?? item.y;
      rows.set(y, [...(rows.get(y) ?? []), item]);
    }
    return [...rows]
      .sort(([a], [b]) => b - a)
      .map(([y, items]) => {
        const sorted = [...items].sort((a, b) => a.x - b.x);
        return { y, items: sorted, text: sorted.map((item) => item.str).join(' ') };
      });
  });
  return { pdf: await readPdf(bytes), placed, lines };
}

/** The pages (from 1) that hold the contents: from the one titled Contents to the last with a dotted leader. */
function contentsPages(book: Book): number[] {
  const first = book.lines.findIndex((page) => page[0]?.text === 'Contents');
  const pages: number[] = [];
  for (let i = first; i >= 0 && book.lines[i]?.some((line) => line.text.includes('. . .')); i++) pages.push(i + 1);
  return pages;
}

/** The contents as printed: each entry's text and number, in order. */
function contentsEntries(book: Book): { text: string; page: number }[] {
  return contentsPages(book).flatMap((n) =>
    (book.lines[n - 1] ?? []).flatMap((line) => {
      const match = /^(.+?)[\s.]*\s(\d+)$/.exec(line.text.replace(/(\s*\.)+\s/g, ' '));
      return match?.[1] && line.text.includes('.') ? [{ text: match[1].trim(), page: Number(match[2]) }] : [];
    }),
  );
}

/** The page a heading lands on: the first page after the contents with a line of exactly its text. */
function landed(book: Book, text: string): number {
  const after = Math.max(0, ...contentsPages(book));
  return book.lines.findIndex((page, i) => i >= after && page.some((line) => line.text === text)) + 1;
}

function flatten(entries: OutlineEntry[]): OutlineEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

/** The chapter that page `n` belongs to: the last one starting on or before it. */
function chapterOf(book: Book, n: number): number {
  return chapters.findLastIndex((name) => landed(book, name) <= n);
}

/** Text in the top margin and in the bottom margin of page `n` (72 pt each in the classic theme). */
function margins(book: Book, n: number): { header: string; footer: string } {
  const page = book.lines[n - 1] ?? [];
  const height = book.placed[n - 1]?.height ?? 0;
  return {
    header: page
      .filter((line) => line.y > height - 72)
      .map((line) => line.text)
      .join(' '),
    footer: page
      .filter((line) => line.y < 72)
      .map((line) => line.text)
      .join(' '),
  };
}

function checkContents(book: Book): void {
  const listed = headings.filter((heading) => heading.level <= 3);
  const entries = contentsEntries(book);
  expect(entries.map((entry) => entry.text)).toEqual(listed.map((heading) => heading.text));
  for (const entry of entries) expect(entry.page, entry.text).toBe(landed(book, entry.text));
  // Every entry is a link to the page its number names.
  const toc = new Set(contentsPages(book));
  const links = book.pdf.links.filter((link) => toc.has(link.page));
  expect(links.map((link) => link.targetPage)).toEqual(entries.map((entry) => entry.page));
}

describe('a book of several chapters, printed one-sided', () => {
  let book: Book;
  beforeAll(async () => {
    book = await built();
  }, 120_000);

  test('page 1 is the title page: title, subtitle, authors, publisher, date, and no header or number', () => {
    const text = (book.lines[0] ?? []).map((line) => line.text);
    expect(text).toEqual([title, 'A Study', 'A. Writer', 'B. Editor', 'Basin Press', 'January 5, 2026']);
    expect(book.pdf.pages[0]).not.toMatch(/^\s*\d+\s*$/m);
  });

  test('the contents follow on page 2, list every chapter and section down to level 3 with the page it lands on', () => {
    expect(contentsPages(book)[0]).toBe(2);
    expect(contentsPages(book).length).toBeGreaterThan(0);
    checkContents(book);
  });

  test('the outline has one entry per heading, at the page it lands on', () => {
    const outline = flatten(book.pdf.outline);
    expect(outline.map((entry) => entry.title)).toEqual(headings.map((heading) => heading.text));
    for (const entry of outline) expect(entry.page, entry.title).toBe(landed(book, entry.title));
  });

  test('no header and no number on the title page, the first page of the contents and each chapter’s first page', () => {
    const firsts = [1, contentsPages(book)[0] ?? 0, ...chapters.map((name) => landed(book, name))];
    for (const n of firsts) expect(margins(book, n), `page ${n}`).toEqual({ header: '', footer: '' });
  });

  test('other pages: the book’s title over even pages, the chapter’s over odd ones, the number below', () => {
    const firsts = new Set(chapters.map((name) => landed(book, name)));
    const toc = contentsPages(book);
    let checked = 0;
    for (let n = (toc[0] ?? 0) + 1; n <= book.pdf.pages.length; n++) {
      if (firsts.has(n)) continue;
      const running = toc.includes(n) ? 'Contents' : (chapters[chapterOf(book, n)] ?? '');
      expect(margins(book, n), `page ${n}`).toEqual({ header: n % 2 === 0 ? title : running, footer: String(n) });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});

describe('a book printed two-sided (style.page.twoSided)', () => {
  let book: Book;
  beforeAll(async () => {
    book = await built('style:\n  page:\n    twoSided: true\n');
  }, 120_000);

  test('every chapter, and the contents, start on an odd page, after a blank page where needed', () => {
    const starts = chapters.map((name) => landed(book, name));
    for (const start of starts) expect(start % 2).toBe(1);
    expect(contentsPages(book)[0]).toBe(3);
    // The blank pages: the back of the title page, and at least one before a chapter.
    const blank = book.placed.flatMap((page, i) => (page.items.length === 0 ? [i + 1] : []));
    expect(blank[0]).toBe(2);
    expect(blank.some((n) => starts.includes(n + 1))).toBe(true);
    for (const n of blank) expect(starts.includes(n + 1) || n === 2, `page ${n}`).toBe(true);
  });

  test('the contents are still right, and every entry links to its page', () => {
    checkContents(book);
  });

  test('the text block of even pages moves to the left: the wider margin is by the spine', () => {
    const left = (n: number): number => Math.min(...(book.placed[n - 1]?.items ?? []).map((item) => item.x));
    const text = book.placed.flatMap((page, i) => (page.items.length > 0 && i > 2 ? [i + 1] : []));
    const odd = new Set(text.filter((n) => n % 2 === 1).map((n) => Math.round(left(n))));
    const even = new Set(text.filter((n) => n % 2 === 0).map((n) => Math.round(left(n))));
    // The classic theme's 72 pt margins become 90 pt by the spine and 54 pt at the edge.
    expect([...odd]).toEqual([90]);
    expect([...even]).toEqual([54]);
    // The header and the number move with the text block: centred over it on either side.
    const numberAt = (n: number): number => book.lines[n - 1]?.find((line) => line.y < 72)?.items[0]?.x ?? NaN;
    const numbered = text.filter((n) => margins(book, n).footer !== '');
    const [odd1, even1] = [numbered.find((n) => n % 2 === 1) ?? 0, numbered.find((n) => n % 2 === 0) ?? 0];
    expect(Math.abs(numberAt(odd1) - numberAt(even1) - 36)).toBeLessThan(6);
  });
});

describe('contents that run over several pages', () => {
  test('no contents page ends with a chapter’s line without its first section', async () => {
    // 24 chapters of one section each: without the keep, a chapter's line ends the first contents page.
    const names = Array.from({ length: 24 }, (_, i) => `Part${i + 1}`);
    const input = sectionedBook({
      chapters: names,
      sections: () => 1,
      yaml: 'style:\n  page:\n    size: a5\n',
    });
    const result = await build({ input, outDir: tempDir(), formats: ['pdf'] });
    expect(result.ok).toBe(true);
    const pdf = await readPdf(new Uint8Array(readFileSync(result.outputs[0]?.path ?? '')));
    const pages = pdf.pages.map((text) =>
      text
        .split('\n')
        .map((line) => line.replace(/[\s.]+\d+$/, '').trim())
        .filter(Boolean),
    );
    const contents = pages.filter((lines) => lines.includes('Contents'));
    expect(contents.length).toBeGreaterThan(1);
    for (const lines of contents.slice(0, -1)) {
      // The last line is the running header or the page number; the one before it is the last entry.
      const entries = lines.filter((line) => /^Part\d+( \d+)?$/.test(line));
      expect(entries.at(-1), entries.join(' | ')).toMatch(/^Part\d+ \d+$/);
    }
  });
});
