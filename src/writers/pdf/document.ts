import type { Root } from 'mdast';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { chapterLabel } from '../../plugins/chapter-title.js';
import { formatDate } from '../../plugins/format-date.js';
import { chapterId } from '../../plugins/link-targets.js';
import { el, keepAhead, type PdfChild, type PdfElement } from './element.js';
import { handlers } from './handlers/index.js';
import { chapterNotes } from './handlers/notes.js';
import { createState } from './state.js';

/**
 * The whole book as one element tree: one Page per chapter (react-pdf's page
 * breaking is quadratic in the length of one flow), the title block above the
 * first chapter, notes at each chapter's end, a page number in every footer.
 * A theme whose chapters run on (a handout) puts them all in one Page.
 * `pageOf` gives the page of each id, for cross-references (see index.ts); when
 * `blockIds` is given, every top-level block gets an id, listed there by chapter.
 */
export function bookDocument(
  book: Book,
  tokens: Tokens,
  pageOf?: ReadonlyMap<string, number>,
  blockIds?: Map<number, ReadonlyMap<number, string>>,
): PdfElement {
  const chapters = book.chapters.map((chapter, index) => {
    const state = createState(book, tokens, index, handlers, pageOf, blockIds !== undefined);
    const content = state.one(chapter.tree as Root, undefined);
    if (state.blockIds) blockIds?.set(index, state.blockIds);
    const notes = chapterNotes(state);
    const body = [...(index === 0 ? [titleBlock(book)] : []), ...content, ...(notes ? [notes] : [])];
    // A chapter that opens with a heading is bookmarked by it; any other by its label.
    const root = state.outline.root;
    const bookmark = root ? { bookmark: { title: chapterLabel(book, index), fit: true, expanded: true, ...root } } : {};
    return el('View', undefined, body, { id: chapterId(index), ...bookmark });
  });
  const page = (children: PdfChild[]): PdfElement =>
    el('Page', ['page'], [...children, footer(book, tokens)], { size: tokens.page.size });
  if (tokens.layout.chapterBreak === 'page')
    return el(
      'Document',
      undefined,
      chapters.map((c) => page([c])),
    );
  return el('Document', undefined, [page(chapters.flatMap((chapter, index) => runOn(chapter, index, tokens)))]);
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

/** The footer every page repeats: its number, or the book's title and "page / pages". */
function footer(book: Book, tokens: Tokens): PdfElement {
  if (tokens.layout.footer === 'number') return el('Text', ['footer'], [], { fixed: true, pageNumber: true });
  return el('View', ['footerRow'], [], {
    fixed: true,
    runningFooter: { title: book.meta.title, mirrored: tokens.layout.twoSided },
  });
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
