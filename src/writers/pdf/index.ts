import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import type { PageMark, Writer } from '../../types/writer.js';
import { destinationPages } from './destinations.js';
import { bookDocument, firstLayout } from './document.js';
import { mirrorEvenPages } from './mirror.js';
import { nextLayout, sameLayout } from './page-plan.js';
import { plainText, type PdfChild, type PdfElement } from './element.js';
import { allAtEnd, emptyPlan, nextNotePlan, samePlan, type FootNote } from './footnote-plan.js';
import { textBlock } from './image-size.js';
import { checkPrint } from './print-checks.js';
import { buildParts, defaultJobs, renderInParts, splitBook, watchParts } from './parts.js';
import { renderPdf, type Rendered } from './render.js';

/** Renders at most this many times while page numbers settle. */
const passes = 4;
/** …and while footnotes settle at the foot of their pages (see footnote-plan.ts). */
const notePasses = 8;

/**
 * The PDF writer: the print checks (glyphs, image placement and resolution), the
 * book as an element tree (pure), then react-pdf renders bytes. The contents take
 * their page numbers from the same rendering (see render.ts, `pageMarker`). When the
 * book shows page numbers inside its text ("(p. 9)" after a cross-reference), starts
 * its chapters on odd pages or has footnotes, it is rendered again with what the
 * last rendering gave, until that stops changing: "(p. 9)" can push a line, and a
 * heading, to the next page; a chapter that grows by a page moves the blank pages
 * after it; a note set at a page's foot takes room from its text. A two-sided print
 * then gets its margins mirrored.
 */
export const writePdf: Writer = async (
  book,
  { tokens, markPages, jobs = defaultJobs(), incremental = false, whole = false },
) => {
  const render = rendering(jobs, incremental, whole);
  checkPrint(book, tokens);
  const blockIds = markPages ? new Map<number, ReadonlyMap<number, string>>() : undefined;
  let layout = firstLayout;
  let plan = emptyPlan;
  let tree = bookDocument(book, tokens, layout, blockIds, plan);
  let result = await render(tree, book, tokens);
  // Where the ids of `result` landed, once read: the page marks reuse it.
  let landed: ReadonlyMap<string, number> | undefined;
  const twoSided = tokens.layout.rightHandChapters && tokens.layout.chapterBreak === 'page';
  const pages = (tokens.layout.pageReferences && hasCrossReferences(tree)) || twoSided;
  const notes = footNotes(tree, tokens);
  const warnings: string[] = [];
  // The contents need no second rendering (see render.ts, `pageMarker`); "(p. 9)", blank pages and notes do.
  if (pages || notes.length > 0) {
    let settled = false;
    for (let pass = 1; pass < Math.max(pages ? passes : 0, notes.length > 0 ? notePasses : 0); pass++) {
      landed = pages ? await destinationsOf(result) : undefined;
      const next = landed ? nextLayout(layout, landed, book.chapters.length, twoSided) : layout;
      const nextPlan = nextNotePlan(plan, result.notesLanded, notes, footRoom(tokens));
      settled = sameLayout(next, layout) && samePlan(nextPlan, plan);
      if (settled) break;
      layout = next;
      plan = nextPlan;
      tree = bookDocument(book, tokens, layout, blockIds, plan);
      result = await render(tree, book, tokens);
      landed = undefined;
    }
    if (
      !settled &&
      notes.length > 0 &&
      !samePlan(nextNotePlan(plan, result.notesLanded, notes, footRoom(tokens)), plan)
    ) {
      // Notes that will not settle are all set after their chapters, as in `pdf.footnotes: chapter`.
      warnings.push(
        `the footnotes did not settle at the foot of their pages in ${notePasses} layouts; they are set after each chapter`,
      );
      tree = bookDocument(book, tokens, layout, blockIds, allAtEnd(notes));
      result = await render(tree, book, tokens);
      landed = undefined;
    }
  }
  if (warnings.length > 0) result = { ...result, warnings: [...(result.warnings ?? []), ...warnings] };
  const { inner, outer } = tokens.page.margin;
  if (tokens.layout.twoSided) result = { ...result, bytes: await mirrorEvenPages(result.bytes, outer - inner) };
  if (!blockIds) return result;
  return { ...result, pageMarks: pageMarks(blockIds, landed ?? (await destinationsOf(result))) };
};

/** Where a rendering's named destinations are: as a joined rendering knows them, else read from its file. */
async function destinationsOf(result: Rendered): Promise<ReadonlyMap<string, number>> {
  return result.destinations ?? (await destinationPages(result.bytes));
}

/** The most a page's notes may take: half its text block. A longer note is set after its chapter. */
const footRoom = (tokens: Tokens): number => textBlock(tokens).height / 2;

/**
 * The notes each Page may set at its pages' foot, with their height there guessed
 * from their length: enough to keep a long note from taking a page's text away.
 * react-pdf measures the real height when it lays the page out.
 */
function footNotes(tree: PdfElement, tokens: Tokens): FootNote[] {
  const { width } = textBlock(tokens);
  const size = tokens.size.small;
  const line = size * tokens.leading.body;
  // An average character is about half as wide as the type is high.
  const perLine = Math.max(1, (width - tokens.indent * 1.25) / (size * 0.5));
  return (tree.children ?? []).flatMap((page) => {
    if (typeof page === 'string' || !Array.isArray(page.props?.notes)) return [];
    return (page.props.notes as PdfElement[]).map((note) => ({
      id: String(note.props?.id),
      height: Math.max(1, Math.ceil(plainText(note).length / perLine)) * line + line / 2,
    }));
  });
}

/** What react-pdf says when a block kept on one page (wrap: false) is taller than a page: it prints its top and drops the rest. */
const tooTall = /can't wrap between pages and it's bigger than available page height|exceeds available height/;

/**
 * Render the tree, whole or, when it is long, in parts laid out by `jobs` threads
 * at once or one after the other (see parts.ts); when a block kept together (a figure with its caption, a table row, a
 * note) is taller than a page, render it again with every block free to split: a
 * page break inside a block is better than text that never prints.
 */
function rendering(jobs: number, incremental: boolean, whole: boolean) {
  const once = (tree: PdfElement, book: Book, tokens: Tokens): ReturnType<typeof renderPdf> => {
    const split = whole ? undefined : splitBook(tree, tokens, incremental ? watchParts : buildParts);
    return split ? renderInParts(split, book, tokens, jobs) : renderPdf(tree, book, tokens);
  };
  return async (tree: PdfElement, book: Book, tokens: Tokens): ReturnType<typeof renderPdf> => {
    const result = await once(tree, book, tokens);
    if (!result.warnings?.some((warning) => tooTall.test(warning))) return result;
    return once(splittable(tree) as PdfElement, book, tokens);
  };
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
