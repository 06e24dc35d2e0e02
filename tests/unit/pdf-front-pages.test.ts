import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBook } from '../../src/core/load-book.js';
import { chapterId } from '../../src/plugins/link-targets.js';
import type { Book } from '../../src/types/book.js';
import { bookDocument, type PageLayout } from '../../src/writers/pdf/document.js';
import type { PdfElement } from '../../src/writers/pdf/element.js';
import { contentsEntries } from '../../src/writers/pdf/front-pages.js';
import { nextLayout } from '../../src/writers/pdf/page-plan.js';
import { tempDir } from '../helpers/books.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { handoutTheme } from '../../styles/themes/handout.js';

async function bookOf(chapters: Record<string, string>, yaml = ''): Promise<Book> {
  const dir = path.join(tempDir(), 'book');
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(chapters);
  writeFileSync(path.join(dir, 'book.yaml'), `title: Front\n${yaml}chapters: [${names.join(', ')}]\n`);
  for (const [name, text] of Object.entries(chapters)) writeFileSync(path.join(dir, name), text);
  const { book } = await loadBook(dir, { sourceDateEpoch: '0' });
  if (!book) throw new Error('the book did not load');
  return book;
}

/** Each Page of the tree by what it is: the title page, the contents, a blank page or a chapter's pages. */
function pages(tree: PdfElement): string[] {
  return (tree.children ?? []).map((page) => {
    if (typeof page === 'string') return page;
    if (page.style?.includes('titlePage')) return 'title';
    const kids = (page.children ?? []).filter((kid): kid is PdfElement => typeof kid !== 'string');
    if (kids.length === 0) return 'blank';
    if (kids.some((kid) => kid.style?.includes('contentsTitle'))) return 'contents';
    return String(kids.find((kid) => typeof kid.props?.id === 'string')?.props?.id);
  });
}

const two = { 'one.md': '# One\n\nText.\n', 'two.md': '# Two\n\nText.\n' };

describe('which front pages a PDF has', () => {
  test('a book of several chapters: a title page and the contents', async () => {
    expect(pages(bookDocument(await bookOf(two), classicTheme))).toEqual(['title', 'contents', 'ch01', 'ch02']);
  });

  test('a single article: neither, its title over its text', async () => {
    const tree = bookDocument(await bookOf({ 'one.md': '# One\n\nText.\n' }), classicTheme);
    expect(pages(tree)).toEqual(['ch01']);
    expect(JSON.stringify(tree)).toContain('"titleBlock"');
  });

  test('a handout: neither, its chapters running on', async () => {
    expect(pages(bookDocument(await bookOf(two), handoutTheme))).toEqual(['ch01']);
  });

  test('book.yaml’s pdf: switches each on or off', async () => {
    const off = await bookOf(two, 'pdf: { titlePage: false }\n');
    expect(pages(bookDocument(off, classicTheme))).toEqual(['contents', 'ch01', 'ch02']);
    const on = await bookOf({ 'one.md': '# One\n' }, 'pdf: { titlePage: true, toc: true }\n');
    expect(pages(bookDocument(on, classicTheme))).toEqual(['title', 'contents', 'ch01']);
  });

  test('two-sided: the title page’s back and the blank pages planned are blank Pages', async () => {
    const tokens = { ...classicTheme, layout: { ...classicTheme.layout, twoSided: true, rightHandChapters: true } };
    const layout: PageLayout = { pageOf: new Map(), blankBefore: new Set([1]) };
    expect(pages(bookDocument(await bookOf(two), tokens, layout))).toEqual([
      'title',
      'blank',
      'contents',
      'ch01',
      'blank',
      'ch02',
    ]);
  });
});

test('the contents list headings down to tocDepth, and a chapter without a heading by its label', async () => {
  const book = await bookOf(
    { 'one.md': '# One\n\n## Part\n\n### Deep\n\n#### Deeper\n', 'two.md': 'No heading here.\n\n## Late\n' },
    'pdf: { tocDepth: 2 }\n',
  );
  expect(contentsEntries(book, book.pdf?.tocDepth ?? 3)).toEqual([
    { level: 1, text: 'One', id: 'one' },
    { level: 2, text: 'Part', id: 'part' },
    { level: 1, text: 'Chapter 2', id: 'ch02' },
    { level: 2, text: 'Late', id: 'late' },
  ]);
});

describe('blank pages for chapters that must start on an odd page', () => {
  const landed = (starts: number[], more: Record<string, number> = {}) =>
    new Map([...starts.map((start, i) => [chapterId(i), start] as const), ...Object.entries(more)]);
  const none: PageLayout = { pageOf: new Map(), blankBefore: new Set() };

  test('from the lengths of the last rendering, with every page number read moved by the blanks before it', () => {
    // Contents on page 3; chapters of 2, 3 and 1 pages from page 4, rendered without blanks.
    const next = nextLayout(none, landed([4, 6, 9], { a: 5, b: 8, c: 9, front: 3 }), 3, true);
    expect([...next.blankBefore]).toEqual([0, 2]);
    // Chapter 1 on 5, chapter 2 on 7 (3 pages: 7–9), chapter 3 after a blank on 11.
    expect(Object.fromEntries(next.pageOf)).toEqual({ ch01: 5, ch02: 7, ch03: 11, a: 6, b: 9, c: 11, front: 3 });
  });

  test('a layout that already has the blanks it needs is kept as it is: the loop stops', () => {
    const used: PageLayout = { pageOf: landed([5, 7, 11]), blankBefore: new Set([0, 2]) };
    const next = nextLayout(used, landed([5, 7, 11]), 3, true);
    expect([...next.blankBefore]).toEqual([0, 2]);
    expect(next.pageOf).toEqual(used.pageOf);
  });

  test('one-sided: no blank pages, the pages as read', () => {
    const next = nextLayout(none, landed([4, 6, 9]), 3, false);
    expect(next.blankBefore.size).toBe(0);
    expect(next.pageOf).toEqual(landed([4, 6, 9]));
  });
});
