import type { Tokens } from '../tokens.js';

/**
 * The classic book theme, and the default: a serif text face on A4, set like a
 * trade paperback (justified, first-line indents, no space between paragraphs).
 */
export const classicTheme: Tokens = {
  name: 'classic',
  page: {
    size: [595.28, 841.89],
    margin: { top: 72, bottom: 72, inner: 72, outer: 72 },
  },
  fonts: { body: 'Literata', heading: 'Literata', mono: 'JetBrains Mono' },
  size: {
    body: 11,
    small: 9,
    code: 9,
    headings: [20, 16, 13.5, 12, 11, 11],
    title: 28,
    subtitle: 15,
  },
  leading: { body: 1.45, heading: 1.2, code: 1.4 },
  space: { paragraph: 0, block: 9, headingBefore: 18, headingAfter: 8 },
  indent: 18,
  colors: {
    text: '#1a1a1a',
    muted: '#666666',
    link: '#1d4e89',
    rule: '#b0b0b0',
    codeBackground: '#f4f4f2',
    quoteBar: '#c8c8c8',
  },
  // Dark enough to read at 9 pt on the code background (contrast 7:1 or more);
  // keywords bold and comments italic, so a greyscale print keeps them apart.
  syntax: {
    keyword: { color: '#8a1538', bold: true },
    type: { color: '#6b3f00' },
    string: { color: '#1a5a21' },
    comment: { color: '#4f4f4f', italic: true },
    number: { color: '#0b4f80' },
    title: { color: '#5b2d91' },
    attribute: { color: '#0b4f80' },
    meta: { color: '#4f4f4f' },
    addition: { color: '#1a5a21', bold: true },
    deletion: { color: '#a01c1c', italic: true },
  },
  figures: { numbered: false },
  layout: {
    chapterBreak: 'page',
    footer: 'number',
    twoSided: false,
    rightHandChapters: false,
    runningHeader: true,
    pageReferences: true,
  },
  text: { align: 'justify', firstLineIndent: 14 },
};
