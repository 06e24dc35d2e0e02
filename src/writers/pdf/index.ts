import type { Writer } from '../../types/writer.js';
import { bookDocument } from './document.js';
import { checkGlyphs } from './glyphs.js';
import { renderPdf } from './render.js';

/** The PDF writer: glyph coverage checked, the book as an element tree (pure), then react-pdf renders bytes. */
export const writePdf: Writer = async (book, { tokens }) => {
  checkGlyphs(book, tokens);
  const tree = bookDocument(book, tokens);
  return renderPdf(tree, book, tokens);
};
