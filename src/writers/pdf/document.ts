import type { Root } from 'mdast';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { chapterLabel } from '../../plugins/chapter-title.js';
import { formatDate } from '../../plugins/format-date.js';
import { chapterId } from '../../plugins/link-targets.js';
import { el, type PdfElement } from './element.js';
import { handlers } from './handlers/index.js';
import { chapterNotes } from './handlers/notes.js';
import { createState } from './state.js';

/**
 * The whole book as one element tree: one Page per chapter (react-pdf's page
 * breaking is quadratic in the length of one flow), the title block above the
 * first chapter, notes at each chapter's end, a page number in every footer.
 * A theme whose chapters run on (a handout) puts them all in one Page.
 */
export function bookDocument(book: Book, tokens: Tokens): PdfElement {
  const chapters = book.chapters.map((chapter, index) => {
    const state = createState(book, tokens, index, handlers);
    const content = state.one(chapter.tree as Root, undefined);
    const notes = chapterNotes(state);
    const body = [...(index === 0 ? [titleBlock(book)] : []), ...content, ...(notes ? [notes] : [])];
    // A chapter that opens with a heading is bookmarked by it; any other by its label.
    const root = state.outline.root;
    const bookmark = root ? { bookmark: { title: chapterLabel(book, index), fit: true, expanded: true, ...root } } : {};
    return el('View', undefined, body, { id: chapterId(index), ...bookmark });
  });
  const page = (children: PdfElement[]): PdfElement =>
    el('Page', ['page'], [...children, footer(book, tokens)], { size: tokens.page.size });
  const pages = tokens.layout.chapterBreak === 'page' ? chapters.map((chapter) => page([chapter])) : [page(chapters)];
  return el('Document', undefined, pages);
}

/** The footer every page repeats: its number, or the book's title and "page / pages". */
function footer(book: Book, tokens: Tokens): PdfElement {
  if (tokens.layout.footer === 'number') return el('Text', ['footer'], [], { fixed: true, pageNumber: true });
  return el(
    'View',
    ['footerRow'],
    [
      el('Text', ['footerText'], [book.meta.title], { noHyphens: true }),
      el('Text', ['footerText', 'footerCount'], [], { pageNumber: 'count' }),
    ],
    { fixed: true },
  );
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
