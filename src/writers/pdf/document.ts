import type { Root } from 'mdast';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { chapterLabel } from '../../plugins/chapter-title.js';
import { formatDate } from '../../plugins/format-date.js';
import { labelsFor } from '../../plugins/labels.js';
import { chapterId } from '../../plugins/link-targets.js';
import { el, keepAhead, type PdfChild, type PdfElement } from './element.js';
import { handlers } from './handlers/index.js';
import { chapterNotes, noteElements } from './handlers/notes.js';
import { emptyPlan, parseKey, type NotePlan } from './footnote-plan.js';
import { contents, frontPages, titlePage } from './front-pages.js';
import { createState } from './state.js';

/** What one rendering tells the next: where ids landed, and which chapters a blank page goes before. */
export interface PageLayout {
  /** The page of each id, from an earlier rendering; empty in the first. */
  pageOf: ReadonlyMap<string, number>;
  /** Chapters (by index) that follow a blank page, so that they start on an odd page. */
  blankBefore: ReadonlySet<number>;
}

export const firstLayout: PageLayout = { pageOf: new Map(), blankBefore: new Set() };

/**
 * The whole book as one element tree: the title page and the contents when the
 * book has them (see front-pages.ts), then one Page per chapter (react-pdf's page
 * breaking is quadratic in the length of one flow), with the title block above the
 * first chapter when there is no title page, notes at each chapter's end, the
 * running header and the page number. A theme whose chapters run on (a handout)
 * puts them all in one Page. `layout` comes from the last rendering (see index.ts);
 * when `blockIds` is given, every top-level block gets an id, listed there by chapter.
 */
export function bookDocument(
  book: Book,
  tokens: Tokens,
  layout: PageLayout = firstLayout,
  blockIds?: Map<number, ReadonlyMap<number, string>>,
  plan: NotePlan = emptyPlan,
): PdfElement {
  const front = frontPages(book, tokens);
  const atFoot = (book.pdf?.footnotes ?? 'page') === 'page';
  const notesOf: PdfElement[][] = [];
  const chapters = book.chapters.map((chapter, index) => {
    const state = createState(book, tokens, index, handlers, layout.pageOf, blockIds !== undefined);
    const content = state.one(chapter.tree as Root, undefined);
    if (state.blockIds) blockIds?.set(index, state.blockIds);
    const all = noteElements(state);
    notesOf.push(atFoot ? all : []);
    const notes = chapterNotes(state, atFoot ? all.filter((note) => plan.atEnd.has(String(note.props?.id))) : all);
    const opening = index === 0 && !front.titlePage ? [titleBlock(book)] : [];
    const body = [...opening, ...content, ...(notes ? [notes] : [])];
    // A chapter that opens with a heading is bookmarked by it; any other by its label.
    const root = state.outline.root;
    const bookmark = root ? { bookmark: { title: chapterLabel(book, index), fit: true, expanded: true, ...root } } : {};
    return el('View', undefined, body, { id: chapterId(index), ...bookmark });
  });
  const size = tokens.page.size;
  const blank = el('Page', ['page'], [], { size });
  // A Page that goes on from the one before (the contents' second page and on) numbers its first page too.
  const page = (children: PdfChild[], running: string, flow?: Flow, goesOn = false): PdfElement =>
    el('Page', ['page'], [...header(book, tokens, running, goesOn), ...children, footer(book, tokens, goesOn)], {
      size,
      ...(flow && flow.notes.length > 0 ? footnotes(flow, plan) : {}),
    });
  const opening = [
    ...(front.titlePage ? [el('Page', ['page', 'titlePage'], titlePage(book), { size })] : []),
    // The title page's back stays blank, so that the contents open on a right-hand page.
    ...(front.titlePage && tokens.layout.rightHandChapters ? [blank] : []),
    ...(front.toc
      ? contents(book, tokens, book.pdf?.tocDepth ?? 3, layout.pageOf).map((chunk, index) =>
          page(chunk, labelsFor(book.meta.lang).contents, undefined, index > 0),
        )
      : []),
  ];
  // `front` counts the pages before the chapters', which parts.ts lays out on their own.
  if (tokens.layout.chapterBreak === 'page')
    return el(
      'Document',
      undefined,
      [
        ...opening,
        ...chapters.flatMap((chapter, index) => [
          ...(layout.blankBefore.has(index) ? [blank] : []),
          page([chapter], chapterLabel(book, index), { name: chapterId(index), notes: notesOf[index] ?? [] }),
        ]),
      ],
      { front: opening.length },
    );
  const flow = chapters.flatMap((chapter, index) => runOn(chapter, index, tokens));
  return el('Document', undefined, [...opening, page(flow, book.meta.title, { name: 'book', notes: notesOf.flat() })]);
}

/** A Page element's run of text, and the notes it cites. */
interface Flow {
  name: string;
  notes: PdfElement[];
}

/**
 * What a Page needs to set notes at the foot of its pages (see render.ts): its
 * flow's name, its notes, and which of them go under which of its pages.
 */
function footnotes({ name, notes }: Flow, plan: NotePlan): Record<string, unknown> {
  const footOf: Record<number, string[]> = {};
  for (const [key, ids] of plan.foot) {
    const { flow, page } = parseKey(key);
    if (flow === name) footOf[page] = [...ids];
  }
  return { flow: name, notes, footOf };
}

/**
 * A chapter that runs on after the last one: its blocks become the page's own,
 * behind an empty marker that carries its id and bookmark. Inside a View, its
 * opening heading would be the View's first child, whose request to keep with
 * what follows react-pdf ignores; the marker asks for room for that heading and
 * two lines of text instead.
 */
function runOn(chapter: PdfElement, index: number, tokens: Tokens): PdfChild[] {
  if (index === 0) return [chapter];
  const blocks = chapter.children ?? [];
  const first = blocks[0];
  const opening = typeof first === 'object' && first.type === 'Text' ? Number(first.props?.minPresenceAhead ?? 0) : 0;
  const { size, leading, space } = tokens;
  const heading = 2 * size.headings[0] * leading.heading + space.headingBefore + space.headingAfter;
  const marker = keepAhead(opening + heading);
  return [{ ...marker, props: { ...marker.props, ...chapter.props } }, ...blocks];
}

/**
 * The footer every page repeats: its number (but on the first page of a chapter,
 * see render.ts), or the book's title and "page / pages".
 */
function footer(book: Book, tokens: Tokens, goesOn: boolean): PdfElement {
  if (tokens.layout.footer === 'number')
    return el('Text', ['footer'], [], { fixed: true, pageNumber: goesOn ? 'always' : true });
  return el('View', ['footerRow'], [], {
    fixed: true,
    runningFooter: { title: book.meta.title, mirrored: tokens.layout.twoSided },
  });
}

/** The running header: the book's title over even pages, `running` (the chapter's) over odd ones (see render.ts). */
function header(book: Book, tokens: Tokens, running: string, goesOn: boolean): PdfElement[] {
  if (!tokens.layout.runningHeader) return [];
  // One line, cut short with an ellipsis: a long title must not run down into the text.
  const runningHeader = { even: book.meta.title, odd: running, ...(goesOn ? { always: true } : {}) };
  return [el('Text', ['header'], [], { fixed: true, maxLines: 1, runningHeader })];
}

function titleBlock(book: Book): PdfElement {
  const { title, subtitle, authors, date } = book.meta;
  const byline = [authors.join(', '), date ? formatDate(date, book.meta.lang) : ''].filter(Boolean).join(' · ');
  return el(
    'View',
    ['titleBlock'],
    [
      el('Text', ['title'], [title], { noHyphens: true }),
      ...(subtitle ? [el('Text', ['subtitle'], [subtitle], { noHyphens: true })] : []),
      ...(byline ? [el('Text', ['byline'], [byline])] : []),
    ],
  );
}
