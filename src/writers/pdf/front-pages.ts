import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { chapterLabel } from '../../plugins/chapter-title.js';
import { formatDate } from '../../plugins/format-date.js';
import { labelsFor } from '../../plugins/labels.js';
import { chapterId } from '../../plugins/link-targets.js';
import type { Font } from 'fontkit';
import { openFace } from '../../../styles/fonts.js';
import { el, type PdfElement } from './element.js';
import { textBlock } from './image-size.js';
import { contentsRoom } from './stylesheet.js';

/** Which front pages the PDF has. */
export interface FrontPages {
  titlePage: boolean;
  toc: boolean;
}

/**
 * A book of several chapters, each on new pages, opens with a title page and its
 * contents; a single article (the shipped manuscript) or a handout opens straight
 * on its text, under its title. book.yaml's `pdf:` decides otherwise.
 */
export function frontPages(book: Book, tokens: Tokens): FrontPages {
  const several = book.chapters.length > 1 && tokens.layout.chapterBreak === 'page';
  return { titlePage: book.pdf?.titlePage ?? several, toc: book.pdf?.toc ?? several };
}

/** The title page's content: title, subtitle and authors high on the page, publisher and date at its foot. */
export function titlePage(book: Book): PdfElement[] {
  const { title, subtitle, authors, publisher, date, lang } = book.meta;
  const imprint = [publisher ?? '', date ? formatDate(date, lang) : ''].filter(Boolean);
  return [
    el(
      'View',
      ['titlePageHead'],
      [
        el('Text', ['titlePageTitle'], [title], { noHyphens: true }),
        ...(subtitle ? [el('Text', ['titlePageSubtitle'], [subtitle], { noHyphens: true })] : []),
        ...authors.map((author) => el('Text', ['titlePageAuthor'], [author], { noHyphens: true })),
      ],
    ),
    el(
      'View',
      ['titlePageFoot'],
      imprint.map((line) => el('Text', ['titlePageImprint'], [line], { noHyphens: true })),
    ),
  ];
}

/** One line of the contents. */
export interface ContentsEntry {
  /** 1 for a chapter or a top-level heading, 2 for a section under it, … */
  level: number;
  text: string;
  /** The id its link goes to and its page is read from. */
  id: string;
}

/**
 * What the contents list: each chapter that does not open with a heading by its
 * label, then every heading down to `depth`, in reading order (the outline's
 * entries, cut at that depth).
 */
export function contentsEntries(book: Book, depth: number): ContentsEntry[] {
  return book.chapters.flatMap((chapter, index) => {
    const tree = chapter.tree as Root;
    const entries: ContentsEntry[] = [];
    // As in the outline: a chapter that does not open with a heading is listed by its label.
    if (chapter.title === undefined) entries.push({ level: 1, text: chapterLabel(book, index), id: chapterId(index) });
    visit(tree, 'heading', (node: Heading) => {
      const id = node.data?.id;
      if (node.depth <= depth && typeof id === 'string') entries.push({ level: node.depth, text: toString(node), id });
    });
    return entries;
  });
}

/** The height of one line of the contents, with the space under it. */
const entryHeight = (tokens: Tokens): number => Math.ceil(tokens.size.body * tokens.leading.body + 2);

/**
 * The table of contents, page by page: each entry a link to its heading, with the
 * page it landed on (see render.ts, `pageMarker`) after a dotted leader. The
 * entries are cut into pages here, each its own Page element, by their heights:
 * react-pdf lays a long Page out again for every page it breaks off, so a contents
 * of hundreds of entries in one took seconds. A page is filled to a line or two
 * short of its foot, since a line's height here is reckoned, not measured.
 */
export function contents(
  book: Book,
  tokens: Tokens,
  depth: number,
  pageOf: ReadonlyMap<string, number>,
): PdfElement[][] {
  const entries = contentsEntries(book, depth);
  const top = Math.min(...entries.map((entry) => entry.level));
  const { width, height } = textBlock(tokens);
  const room = contentsRoom(tokens);
  const line = tokens.size.body * tokens.leading.body;
  const title = el('Text', ['contentsTitle'], [labelsFor(book.meta.lang).contents], { noHyphens: true });
  const laidOut = entries.map((entry, index) => {
    const level = entry.level - top;
    // A chapter's line keeps its first section's line with it: it never ends a page alone.
    const keeps = level === 0 && (entries[index + 1]?.level ?? top) > top;
    const page = pageOf.get(entry.id);
    const free = width - level * tokens.indent - room.taken;
    const { dots, used } = leader(tokens, entry.text, level === 0, free, room.least);
    // A title too long for its line wraps beside the leader's least room; a tenth more for where its words break.
    const lines = used <= free - room.least ? 1 : Math.ceil((used * 1.1) / (free - room.least));
    const element = el(
      'Link',
      ['contentsEntry', ...(level === 0 ? (['contentsChapter'] as const) : [])],
      [
        el('Text', ['contentsText', ...(level === 0 ? (['contentsChapterText'] as const) : [])], [entry.text]),
        el('View', ['contentsLeader'], dots ? [el('Text', ['contentsDots'], [dots], { noHyphens: true })] : []),
        el('Text', ['contentsPage'], page === undefined ? [] : [String(page)], { pageOfId: entry.id }),
      ],
      { src: `#${entry.id}`, ...(keeps ? { minPresenceAhead: entryHeight(tokens) } : {}) },
      level > 0 ? { marginLeft: level * tokens.indent } : undefined,
    );
    return { element, keeps, height: lines * line + 2 + (level === 0 ? tokens.space.block : 0) };
  });
  // What the title takes on the first page, and a line and a half kept free at every page's foot.
  const titleHeight = tokens.size.headings[0] * tokens.leading.heading + tokens.space.headingBefore * 1.5;
  const room0 = height - 1.5 * line;
  const pages: PdfElement[][] = [[title]];
  let left = room0 - titleHeight;
  laidOut.forEach(({ element, keeps, height: tall }, index) => {
    const next = laidOut[index + 1];
    const needs = tall + (keeps && next ? next.height : 0);
    const current = pages[pages.length - 1] as PdfElement[];
    if (needs > left && current.length > (pages.length === 1 ? 1 : 0)) {
      pages.push([]);
      left = room0;
    }
    (pages[pages.length - 1] as PdfElement[]).push(element);
    left -= tall;
  });
  return pages;
}

/**
 * The dots between an entry and its page: as many as fill the room its text
 * leaves on the line (`room` less its width, or `least` when it wraps), so that
 * no dot is drawn under the text and none hides there for a reader to copy.
 * Set right-aligned, they line up down the page.
 */
function leader(
  tokens: Tokens,
  text: string,
  bold: boolean,
  room: number,
  least: number,
): { dots: string; used: number } {
  const font = face(tokens.fonts.body, bold);
  const scale = tokens.size.body / font.unitsPerEm;
  const used = advance(font, text) * scale;
  const free = used <= room - least ? room - used : least;
  const dot = advance(font, ' .') * scale;
  return { dots: ' .'.repeat(Math.max(0, Math.floor((free - 2) / dot))), used };
}

const faces = new Map<string, Font>();
const advances = new WeakMap<Font, Map<string, number>>();

/**
 * The width of `text` in font units, kept: every rendering of the contents (each
 * round of a build, each build of `octavo watch`) measures the same titles again,
 * 70 ms for the 200 entries of the bench book.
 */
function advance(font: Font, text: string): number {
  const known = advances.get(font) ?? new Map<string, number>();
  advances.set(font, known);
  let width = known.get(text);
  if (width === undefined) known.set(text, (width = font.layout(text).advanceWidth));
  return width;
}

function face(family: string, bold: boolean): Font {
  const key = `${family}/${bold}`;
  const font = faces.get(key) ?? openFace(family, bold ? 'bold' : 'normal');
  faces.set(key, font);
  return font;
}
