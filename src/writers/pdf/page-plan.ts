import { chapterId } from '../../plugins/link-targets.js';
import type { PageLayout } from './document.js';

/**
 * The layout the next rendering should use, from where the last one (made with
 * `used`) put every id. On a two-sided print each chapter must start on an odd
 * page: the chapters' lengths, read from where they start, say which need a blank
 * page before them. Every page number read is then moved by the blank pages added
 * or taken away before it, so that a contents or a cross-reference set with them
 * is right at once, without another rendering to learn the shift.
 */
export function nextLayout(
  used: PageLayout,
  landed: ReadonlyMap<string, number>,
  chapters: number,
  twoSided: boolean,
): PageLayout {
  const starts = Array.from({ length: chapters }, (_, index) => landed.get(chapterId(index)));
  if (!twoSided || starts.some((start) => start === undefined)) return { pageOf: landed, blankBefore: new Set() };
  const old = starts as number[];
  const blankBefore = new Set<number>();
  // The first page after the front pages, without the blank one that may have come before chapter 1.
  let page = (old[0] ?? 1) - (used.blankBefore.has(0) ? 1 : 0);
  old.forEach((start, index) => {
    if (page % 2 === 0) {
      blankBefore.add(index);
      page++;
    }
    const next = old[index + 1];
    page += next === undefined ? 0 : next - start - (used.blankBefore.has(index + 1) ? 1 : 0);
  });
  const shift = old.map((_, index) => added(blankBefore, index) - added(used.blankBefore, index));
  const pageOf = new Map<string, number>();
  for (const [id, at] of landed) {
    const chapter = old.findLastIndex((start) => start <= at);
    pageOf.set(id, at + (chapter < 0 ? 0 : (shift[chapter] ?? 0)));
  }
  return { pageOf, blankBefore };
}

/** How many blank pages come before chapter `index` starts. */
function added(blanks: ReadonlySet<number>, index: number): number {
  let count = 0;
  for (const blank of blanks) if (blank <= index) count++;
  return count;
}

/** Whether two layouts are the same: the rendering made with one gave the other. */
export function sameLayout(a: PageLayout, b: PageLayout): boolean {
  return (
    a.pageOf.size === b.pageOf.size &&
    [...a.pageOf].every(([key, value]) => b.pageOf.get(key) === value) &&
    a.blankBefore.size === b.blankBefore.size &&
    [...a.blankBefore].every((index) => b.blankBefore.has(index))
  );
}
