import type { PageMark } from '../../types/writer.js';

/** Page-break markers to put before blocks: chapter → block source offset → page numbers. */
export type PageBreaks = Map<number, Map<number, number[]>>;

/**
 * Where the PDF's page breaks go in the EPUB. A page's marker goes before the
 * first block that starts on it; a page on which no block starts (the middle of a
 * long paragraph or table) is marked before the next block that does, and pages
 * after the last block's start at the end of the book (offset Infinity). Every
 * page from 1 to `pages` gets exactly one marker, in order.
 */
export function pageBreaks(marks: readonly PageMark[], pages: number): PageBreaks {
  const breaks: PageBreaks = new Map();
  let next = 1;
  let lastChapter = 0;
  for (const { chapter, offset, page } of marks) {
    lastChapter = chapter;
    if (page < next) continue;
    const numbers = Array.from({ length: page - next + 1 }, (_, i) => next + i);
    const chapterBreaks = breaks.get(chapter) ?? new Map<number, number[]>();
    chapterBreaks.set(offset, [...(chapterBreaks.get(offset) ?? []), ...numbers]);
    breaks.set(chapter, chapterBreaks);
    next = page + 1;
  }
  if (next <= pages) {
    const chapterBreaks = breaks.get(lastChapter) ?? new Map<number, number[]>();
    chapterBreaks.set(
      Infinity,
      Array.from({ length: pages - next + 1 }, (_, i) => next + i),
    );
    breaks.set(lastChapter, chapterBreaks);
  }
  return breaks;
}

/** The id of page `n`'s marker. */
export const pageId = (n: number): string => `page-${n}`;
