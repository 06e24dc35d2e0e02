import type { Tokens } from '../tokens.js';
import { classicTheme } from './classic.js';

/**
 * The modern theme: a sans text face, set airy. More leading and a line of
 * space between paragraphs instead of indents; ragged right, since a sans
 * reads well with even word spaces and block paragraphs do not need a
 * justified edge to hold together. Wider margins keep the longer sans line
 * near 70 characters.
 */
export const modernTheme: Tokens = {
  ...classicTheme,
  name: 'modern',
  page: {
    ...classicTheme.page,
    margin: { top: 72, bottom: 72, inner: 90, outer: 90 },
  },
  fonts: { body: 'Source Sans 3', heading: 'Source Sans 3', mono: 'JetBrains Mono' },
  size: { ...classicTheme.size, body: 12, headings: [22, 16.5, 14, 12.5, 12, 12] },
  leading: { body: 1.6, heading: 1.25, code: 1.45 },
  space: { paragraph: 8, block: 11, headingBefore: 22, headingAfter: 8 },
  colors: { ...classicTheme.colors, text: '#222222', link: '#0b5a8f' },
  text: { align: 'left', firstLineIndent: 0 },
};
