import type { Writer } from '../../types/writer.js';
import { bookDocument } from './document.js';
import { checkPrint } from './print-checks.js';
import { renderPdf } from './render.js';

/** The PDF writer: the print checks, the book as an element tree (pure), then react-pdf renders bytes. */
export const writePdf: Writer = async (book, { tokens }) => {
  checkPrint(book, tokens);
  const tree = bookDocument(book, tokens);
  return renderPdf(tree, book, tokens);
};
