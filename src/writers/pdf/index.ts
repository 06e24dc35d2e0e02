import type { Writer } from '../../types/writer.js';
import { destinationPages } from './destinations.js';
import { bookDocument } from './document.js';
import type { PdfChild } from './element.js';
import { checkPrint } from './print-checks.js';
import { renderPdf } from './render.js';

/** Renders at most this many times while cross-reference page numbers settle. */
const passes = 3;

/**
 * The PDF writer: the print checks (glyphs, image placement and resolution), the book as an element tree (pure), then
 * react-pdf renders bytes. When the theme shows the page a cross-reference points
 * to, the book is rendered again with the pages the last rendering gave, until
 * they stop changing ("(p. 9)" can push a line, and a heading, to the next page).
 */
export const writePdf: Writer = async (book, { tokens }) => {
  checkPrint(book, tokens);
  let tree = bookDocument(book, tokens);
  let result = await renderPdf(tree, book, tokens);
  if (!tokens.layout.pageReferences || !hasCrossReferences(tree)) return result;
  let pages = new Map<string, number>();
  for (let pass = 1; pass < passes; pass++) {
    const found = await destinationPages(result.bytes);
    if (pass > 1 && sameValues(found, pages)) break;
    pages = found;
    tree = bookDocument(book, tokens, pages);
    result = await renderPdf(tree, book, tokens);
  }
  return result;
};

/** Whether the text links to a place in the book (notes and their way back do not count). */
function hasCrossReferences(child: PdfChild): boolean {
  if (typeof child === 'string') return false;
  if (child.type === 'Link' && child.style?.includes('link') && String(child.props?.src).startsWith('#')) return true;
  return (child.children ?? []).some(hasCrossReferences);
}

function sameValues(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
