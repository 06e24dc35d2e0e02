import { describe, expect, test } from 'vitest';
import { themes } from '../../styles/themes/index.js';
import { el, type PdfElement } from '../../src/writers/pdf/element.js';
import {
  abandon,
  landedPages,
  pagesBefore,
  publish,
  publishLanding,
  sharedState,
} from '../../src/writers/pdf/part-pages.js';
import { splitBook } from '../../src/writers/pdf/parts.js';

const paragraph = (chars: number): PdfElement => el('Text', ['paragraph'], ['x'.repeat(chars)]);
const chapter = (chars: number): PdfElement => el('Page', ['page'], [el('View', undefined, [paragraph(chars)])]);
const blank = el('Page', ['page'], []);
const book = (pages: PdfElement[], front = 1): PdfElement =>
  el('Document', undefined, [el('Page', ['page', 'titlePage'], [paragraph(10)]), ...pages], { front });

describe('cutting a book into parts', () => {
  test('a short book is laid out whole', () => {
    expect(splitBook(book([chapter(20_000), chapter(20_000)]), themes.classic)).toBeUndefined();
  });

  test('a long one is cut between chapters, into shares of about the same text', () => {
    const split = splitBook(book(Array.from({ length: 12 }, () => chapter(20_000))), themes.classic);
    expect(split?.parts.map((part) => part.children?.length)).toEqual([3, 3, 3, 3]);
    expect(split?.front.children?.length).toBe(1);
    // The Document's own props go with every part, but the count of front pages.
    expect(split?.parts[0]?.props).toEqual({});
  });

  test('a blank page goes with the chapter after it', () => {
    const pages = [chapter(60_000), blank, chapter(60_000)];
    const split = splitBook(book(pages), themes.classic);
    expect(split?.parts.map((part) => part.children)).toEqual([[pages[0]], [blank, pages[2]]]);
  });

  test('chapters that run on, or a footer that counts the pages, keep the book whole', () => {
    const long = Array.from({ length: 12 }, () => chapter(20_000));
    const runOn = el('Document', undefined, long);
    expect(splitBook(runOn, themes.classic)).toBeUndefined();
    expect(
      splitBook(book(long), { ...themes.classic, layout: { ...themes.classic.layout, footer: 'title-and-count' } }),
    ).toBeUndefined();
  });
});

describe('what the parts tell each other', () => {
  test('the pages before a part are the front pages and the parts before it', () => {
    const shared = sharedState(3, 2);
    publish(shared, 0, 4);
    publish(shared, 1, 10);
    publish(shared, 2, 7);
    expect(pagesBefore(shared, 1)).toBe(4);
    expect(pagesBefore(shared, 3)).toBe(21);
  });

  test('a part laid out with no page says so (0 is not "not yet")', () => {
    const shared = sharedState(2, 0);
    publish(shared, 0, 0);
    publish(shared, 1, 0);
    expect(pagesBefore(shared, 2)).toBe(0);
  });

  test('the contents learn where each part put its headings once all are done', () => {
    const shared = sharedState(2, 3);
    publishLanding(shared, 1, ['a', 'b', 'c'], new Map([['a', 5]]));
    publishLanding(shared, 2, ['a', 'b', 'c'], new Map([['c', 9]]));
    expect(landedPages(shared, 2, ['a', 'b', 'c'])).toEqual(
      new Map([
        ['a', 5],
        ['c', 9],
      ]),
    );
  });

  test('a failed build stops a part that waits, instead of leaving it blocked', () => {
    const shared = sharedState(2, 1);
    publish(shared, 0, 3);
    abandon(shared);
    expect(() => pagesBefore(shared, 2)).toThrow(/failed/);
    expect(() => landedPages(shared, 2, ['a'])).toThrow(/failed/);
  });
});
