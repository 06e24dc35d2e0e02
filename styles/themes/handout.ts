import type { Tokens } from '../tokens.js';
import { classicTheme } from './classic.js';

/**
 * The handout: a briefing paper for a class or a meeting, in the book's faces
 * and colours. A compact title block instead of a title page, chapters that run
 * on, block paragraphs set ragged right, and a wide outer margin to write notes
 * in. The footer carries the title and "page / pages", so a loose sheet still
 * says where it belongs. The paper (A4 or US Letter) is chosen when the book is
 * built, from its language or from `--paper`.
 */
export const handoutTheme: Tokens = {
  ...classicTheme,
  name: 'handout',
  page: {
    size: [595.28, 841.89],
    margin: { top: 50, bottom: 58, inner: 58, outer: 144 },
  },
  size: { body: 9.5, small: 7.5, code: 8.5, headings: [15, 12, 10.5, 10, 10, 10], title: 19, subtitle: 12 },
  leading: { body: 1.38, heading: 1.2, code: 1.35 },
  space: { paragraph: 6, block: 7, headingBefore: 12, headingAfter: 4 },
  indent: 16,
  // A handout is talked through: "see Figure 2" needs the number on the page.
  figures: { numbered: true },
  layout: {
    chapterBreak: 'none',
    footer: 'title-and-count',
    twoSided: false,
    rightHandChapters: false,
    runningHeader: false,
    pageReferences: true,
  },
  text: { align: 'left', firstLineIndent: 0 },
};
