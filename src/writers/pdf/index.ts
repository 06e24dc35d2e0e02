import type { PageMark, Writer } from '../../types/writer.js';
import { destinationPages } from './destinations.js';
import { bookDocument, firstLayout } from './document.js';
import { mirrorEvenPages } from './mirror.js';
import { nextLayout, sameLayout } from './page-plan.js';
import type { PdfChild, PdfElement } from './element.js';
import { checkPrint } from './print-checks.js';
import { renderPdf } from './render.js';

/** Renders at most this many times while page numbers settle. */
const passes = 4;

/**
 * The PDF writer: the print checks (glyphs, image placement and resolution), the
 * book as an element tree (pure), then react-pdf renders bytes. The contents take
 * their page numbers from the same rendering (see render.ts, `pageMarker`). When the
 * book shows page numbers inside its text ("(p. 9)" after a cross-reference) or
 * starts its chapters on odd pages, it is rendered again with
 * what the last rendering gave, until that stops changing: "(p. 9)" can push a line,
 * and a heading, to the next page; a chapter that grows by a page moves the blank
 * pages after it. A two-sided print then gets its margins mirrored.
 */
export const writePdf: Writer = async (book, { tokens, markPages }) => {
  checkPrint(book, tokens);
  const blockIds = markPages ? new Map<number, ReadonlyMap<number, string>>() : undefined;
  let layout = firstLayout;
  let tree = bookDocument(book, tokens, layout, blockIds);
  let result = await render(tree, book, tokens);
  // Where the ids of `result` landed, once read: the page marks reuse it.
  let landed: Map<string, number> | undefined;
  const twoSided = tokens.layout.rightHandChapters && tokens.layout.chapterBreak === 'page';
  // The contents need no second rendering (see render.ts, `pageMarker`); "(p. 9)" and blank pages do.
  if ((tokens.layout.pageReferences && hasCrossReferences(tree)) || twoSided) {
    for (let pass = 1; pass < passes; pass++) {
      landed = await destinationPages(result.bytes);
      const next = nextLayout(layout, landed, book.chapters.length, twoSided);
      if (sameLayout(next, layout)) break;
      layout = next;
      tree = bookDocument(book, tokens, layout, blockIds);
      result = await render(tree, book, tokens);
      landed = undefined;
    }
  }
  const { inner, outer } = tokens.page.margin;
  if (tokens.layout.twoSided) result = { ...result, bytes: await mirrorEvenPages(result.bytes, outer - inner) };
  if (!blockIds) return result;
  return { ...result, pageMarks: pageMarks(blockIds, landed ?? (await destinationPages(result.bytes))) };
};

/** What react-pdf says when a block kept on one page (wrap: false) is taller than a page: it prints its top and drops the rest. */
const tooTall = /can't wrap between pages and it's bigger than available page height/;

/**
 * Render the tree; when a block kept together (a figure with its caption, a table
 * row, a note) is taller than a page, render it again with every block free to
 * split: a page break inside a block is better than text that never prints.
 */
async function render(...[tree, book, tokens]: Parameters<typeof renderPdf>): ReturnType<typeof renderPdf> {
  const result = await renderPdf(tree, book, tokens);
  if (!result.warnings?.some((warning) => tooTall.test(warning))) return result;
  return renderPdf(splittable(tree) as PdfElement, book, tokens);
}

/** The tree with no block kept together. */
function splittable(child: PdfChild): PdfChild {
  if (typeof child === 'string') return child;
  const { wrap: _wrap, ...props } = child.props ?? {};
  return {
    ...child,
    ...(child.props ? { props } : {}),
    ...(child.children ? { children: child.children.map(splittable) } : {}),
  };
}

/** Where each marked block landed, in book order. */
function pageMarks(
  blockIds: ReadonlyMap<number, ReadonlyMap<number, string>>,
  pages: ReadonlyMap<string, number>,
): PageMark[] {
  const marks: PageMark[] = [];
  for (const [chapter, ids] of [...blockIds].sort(([a], [b]) => a - b)) {
    for (const [offset, id] of [...ids].sort(([a], [b]) => a - b)) {
      const page = pages.get(id);
      if (page !== undefined) marks.push({ chapter, offset, page });
    }
  }
  return marks;
}

/** Whether the text links to a place in the book (notes and their way back do not count). */
function hasCrossReferences(child: PdfChild): boolean {
  if (typeof child === 'string') return false;
  if (child.type === 'Link' && child.style?.includes('link') && String(child.props?.src).startsWith('#')) return true;
  return (child.children ?? []).some(hasCrossReferences);
}
