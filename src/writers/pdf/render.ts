import { Document, Font, Image, Link, Page, renderToBuffer, Text, View } from '@react-pdf/renderer';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { fallbackFamilies, fontFamilies } from '../../../styles/fonts.js';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { el, plainText, type PdfChild, type PdfElement, type PdfType, type StyleName } from './element.js';
import { keepFirstDestinations } from './destinations.js';
import { fontChains, mostlyCjk } from './font-chain.js';
import { cjkBreaks } from './cjk-breaks.js';
import { hyphenationFor, justifiesIn, whole } from './hyphenation.js';
import { pageKey, type NotesLanded, type PageKey } from './footnote-plan.js';
import { printImages, type PrintImage } from './print-images.js';
import { stylesheet } from './stylesheet.js';

const primitives: Record<PdfType, unknown> = { Document, Page, View, Text, Link, Image };

/** Words cut every `size` characters: the last resort for a table too wide for its page. */
const chunked =
  (size: number) =>
  (word: string): string[] =>
    cjkBreaks(word, (part) =>
      [...part].reduce<string[]>((parts, char, i) => {
        if (i % size === 0) parts.push(char);
        else parts[parts.length - 1] += char;
        return parts;
      }, []),
    );

/** How a part of a book laid out on its own (see parts.ts) numbers its pages and finds its contents' pages. */
export interface PartOptions {
  /** The page numbers a `render` prop sees: a part's own, moved by the pages before it. */
  numbering?: (page: PageProps) => PageProps;
  /** Ids whose page the contents in another part list, besides those this tree lists. */
  listed?: readonly string[];
  /** Where the other parts put the ids the contents list; asked once react-pdf numbers the pages. */
  landedElsewhere?: () => ReadonlyMap<string, number>;
  /** Whether the whole book is laid out with page templates (see `templated` below), which every part must follow. */
  templated?: boolean;
}

/** What one rendering gives. */
export interface Rendered {
  bytes: Uint8Array;
  pages: number;
  notesLanded: NotesLanded;
  /** The page of each id the contents list, as this rendering placed it (see `pageMarker`). */
  landing: ReadonlyMap<string, number>;
  /** The page of every named destination, when the rendering knows them without reading its file back (a joined one). */
  destinations?: ReadonlyMap<string, number>;
  warnings?: string[];
}

/** Render the element tree to PDF bytes, with the book's metadata and fonts. */
export async function renderPdf(
  tree: PdfElement,
  book: Book,
  tokens: Tokens,
  { numbering, listed: elsewhere = [], landedElsewhere, templated = usesTemplates(tree) }: PartOptions = {},
): Promise<Rendered> {
  const chains = fontChains(book, tokens);
  const { fallbacks, chain } = chains;
  registerFonts([tokens.fonts.body, tokens.fonts.heading, tokens.fonts.mono, ...fallbacks]);
  keepFirstDestinations();
  Font.registerHyphenationCallback(hyphenationFor(book.meta.lang) as never);
  const justify = justifiesIn(book.meta.lang);
  const styles = stylesheet(tokens, { justify, chain });
  // Ragged-right text breaks a word only where a line would otherwise end far short.
  const ragged = !justify || tokens.text.align !== 'justify';
  const images = await printImages(tree, book);
  // The contents' page numbers, as this very layout places their headings (see `pageMarker`).
  const landing = new Map<string, number>();
  // Where the notes' references landed, page by page (see footnote-plan.ts).
  const notesLanded = { pageOf: new Map<string, PageKey>(), flowPages: new Map<string, number>() };
  const listed = new Set([...listedIds(tree), ...elsewhere]);
  // Notes at the foot of pages need react-pdf's page templates (see `pageTemplate`), which
  // switch the whole document to its newer pagination engine. That engine can still end a
  // page with a heading that a long code block follows (see `headingsWithLists`), so a
  // book without such notes keeps the older one.
  const marker = (id: string | undefined): ReactNode[] =>
    id === undefined ? [] : [pageMarker(id, landing, numbering)];
  // `size` is the font size the element inherits: a relative size (a superscript's) is taken of it.
  const toReact = (child: PdfChild, key: number, size = tokens.size.body): ReactNode => {
    if (typeof child === 'string') return laidOutSafely(child.replace(skinTone, ''));
    const {
      noHyphens,
      wordChunk,
      pageNumber,
      runningFooter,
      runningHeader,
      src,
      relativeSize,
      pageOfId,
      flow,
      notes,
      footOf,
      front: _front,
      ...rest
    } = child.props ?? {};
    const props: Record<string, unknown> = { ...rest, key };
    const own = [...(child.style ?? []).map((name) => styles[name]), ...(child.css ? [child.css] : [])];
    const fontSize = own.reduce((inherited, style) => {
      const value = (style as { fontSize?: unknown }).fontSize;
      return typeof value === 'number' ? value : inherited;
    }, size);
    const scaled = typeof relativeSize === 'number' ? Math.round(fontSize * relativeSize * 100) / 100 : fontSize;
    const style = [...own, ...(scaled === fontSize ? [] : [{ fontSize: scaled }]), ...cjkForms(child, own)];
    if (style.length > 0) props.style = style;
    if (noHyphens) props.hyphenationCallback = whole;
    if (ragged && child.type === 'Text') props.hyphenationPenalty = raggedHyphenPenalty;
    if (chains.cjk && child.type === 'Text' && mostlyCjk(plainText(child))) props.hyphenationPenalty = neverBreak;
    if (typeof wordChunk === 'number') props.hyphenationCallback = chunked(wordChunk);
    if (pageNumber)
      props.render = pageNumber === 'count' ? pageCount : pageNumber === 'always' ? numberAlways : pageNumberOnly;
    if (runningFooter) props.render = footerLine(runningFooter as RunningFooter, styles);
    if (runningHeader) props.render = headerLine(runningHeader as RunningHeader);
    if (src !== undefined) props.src = child.type === 'Image' ? imageSource(images, String(src)) : src;
    if (typeof pageOfId === 'string') {
      // Until its heading is placed, a figure space: an empty text would be laid out with no height.
      const last = plainText(child) || '\u2007';
      props.render = (page: PageProps) => {
        const numbered = numbering ? numbering(page) : page;
        const elsewhere = numbered.totalPages === undefined ? undefined : landedElsewhere?.();
        return String(elsewhere?.get(pageOfId) ?? landing.get(pageOfId) ?? last);
      };
    } else if (typeof props.render === 'function' && numbering) {
      const render = props.render as (page: PageProps) => ReactNode;
      props.render = (page: PageProps) => render(numbering(page));
    }
    if (child.type === 'Document') Object.assign(props, documentProps(book));
    // A listed block's page is taken where it starts: a chapter's View at its first child, a heading just after it.
    const id = typeof child.props?.id === 'string' && listed.has(child.props.id) ? child.props.id : undefined;
    if (child.type === 'Page' && templated) {
      const [chrome, content] = partition(headingsWithLists(child).children ?? [], isChrome);
      const laid = content.map((grandchild, index) => toReact(grandchild, index, scaled));
      if (chrome.length === 0 && typeof flow !== 'string') return createElement(Page, props as never, ...laid);
      const repeated = chrome.map((grandchild, index) => toReact(grandchild, index, scaled) as ReactElement);
      const foot =
        typeof flow === 'string'
          ? pageFoot(flow, notes as PdfElement[], footOf as Record<number, string[]>, (note, index) =>
              toReact(note, index, scaled),
            )
          : undefined;
      return createElement(Page, { ...props, layout: pageTemplate(repeated, foot) } as never, ...laid);
    }
    return createElement(
      primitives[child.type] as never,
      props,
      ...(child.type === 'View' ? marker(id) : []),
      ...(child.children ?? []).flatMap((grandchild, index) => {
        const own = typeof grandchild === 'string' ? undefined : grandchild.props?.id;
        const after = typeof grandchild !== 'string' && grandchild.type === 'Text' && typeof own === 'string';
        return [toReact(grandchild, index, scaled), ...(after && listed.has(own) ? marker(own) : [])];
      }),
    );
  };
  /**
   * The foot of a flow's pages: the notes the plan sets under each, and, as each
   * page is built, which notes its text cites.
   */
  const pageFoot = (
    flow: string,
    notes: readonly PdfElement[],
    footOf: Readonly<Record<number, readonly string[]>>,
    draw: (note: PdfElement, index: number) => ReactNode,
  ): PageFoot => {
    // Each note is turned into React once; the template is called for every page, twice over.
    const drawn = new Map(notes.map((note, index) => [`#${String(note.props?.id)}`, draw(note, index)]));
    return {
      under(page) {
        const under = (footOf[page] ?? []).map((id) => drawn.get(`#${id}`)).filter((note) => note !== undefined);
        if (under.length === 0) return undefined;
        const rule = createElement(View, { style: styles.footnoteRule } as never);
        return createElement(View, { key: 'notes', style: styles.footnotes } as never, rule, ...under);
      },
      cited(page, fragments) {
        notesLanded.flowPages.set(flow, Math.max(page, notesLanded.flowPages.get(flow) ?? 0));
        for (const link of linksIn(fragments))
          if (drawn.has(link) && !notesLanded.pageOf.has(link.slice(1)))
            notesLanded.pageOf.set(link.slice(1), pageKey(flow, page));
      },
    };
  };
  /** A text that sets its own face, reordered so Han takes the forms of its language (see font-chain.ts). */
  const cjkForms = (child: PdfElement, own: unknown[]): { fontFamily: string[] }[] => {
    const family = own.map((style) => (style as { fontFamily?: unknown }).fontFamily).findLast(Array.isArray);
    const first = family?.[0];
    if (!chains.reorders || child.type !== 'Text' || typeof first !== 'string') return [];
    const reordered = chains.chainFor(first, plainText(child));
    return reordered.every((name, index) => name === family?.[index]) ? [] : [{ fontFamily: reordered }];
  };
  const { result: buffer, said } = await capturingConsole(() =>
    renderToBuffer(toReact(tree, 0) as ReactElement<never>),
  );
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { bytes, pages: countPages(bytes), notesLanded, landing, ...(said.length > 0 ? { warnings: said } : {}) };
}

/** Whether some Page of the Document sets notes at its pages' foot, which needs page templates (see renderPdf). */
export function usesTemplates(tree: PdfElement): boolean {
  return (tree.children ?? []).some((page) => typeof page !== 'string' && page.props?.flow !== undefined);
}

/**
 * react-pdf's Knuth–Plass penalty for a hyphen in text that is not justified is
 * 600, which hyphenates a ragged-right paragraph as often as a justified one (six
 * hyphens in the handout's page). At 3000 a word is broken only when the line
 * would otherwise end far short; this also leaves fewer lines whose spaces the
 * line breaker squeezes (it gives spaces a shrink even when the text is ragged).
 */
const raggedHyphenPenalty = 3000;

/**
 * Chinese, Japanese and Korean text breaks at spaces and at the empty syllables of
 * cjk-breaks.ts, never at a hyphen. react-pdf also puts a hyphen's penalty where its
 * text changes font (`나온다` in Noto Sans KR, the full stop after it in Literata),
 * so it could end a line with `나온다-` and start the next with the stop: at this
 * penalty (its infinity) the line breaker never breaks there.
 */
const neverBreak = 10_000;

/**
 * Noto Emoji draws in one colour, without skin tones: a modifier after an emoji
 * would print as a grey swatch beside it, so the PDF leaves it out.
 */
const skinTone = /[\u{1f3fb}-\u{1f3ff}]/gu;

/**
 * `text` without the soft hyphens that start it or a line of it: react-pdf's font
 * substitution skips a soft hyphen and takes the font of the character before, and
 * with none before it reads the font of nothing and throws. Such a soft hyphen
 * marks no break inside a word, so nothing is lost.
 */
function laidOutSafely(text: string): string {
  return text.includes('\u00ad') ? text.replace(/(^|\s)\u00ad+/gu, '$1') : text;
}

/** The ids whose page the contents show (`pageOfId` props), in the order they are listed. */
export function listedIds(tree: PdfChild): Set<string> {
  const ids = new Set<string>();
  const walk = (child: PdfChild): void => {
    if (typeof child === 'string') return;
    if (typeof child.props?.pageOfId === 'string') ids.add(child.props.pageOfId);
    child.children?.forEach(walk);
  };
  walk(tree);
  return ids;
}

/**
 * An empty View that records the page it lands on. react-pdf calls `render` props
 * on every page while it paginates, then once more on every page when all are laid
 * out (that is how "n / N" knows N): by then each marker has recorded where its
 * heading landed, and the contents' numbers, in boxes of fixed size, print those
 * pages in the same layout. No second rendering is needed for them.
 */
function pageMarker(id: string, landing: Map<string, number>, numbering = (page: PageProps) => page): ReactNode {
  return createElement(View, {
    key: `page-of-${id}`,
    render: (page: PageProps) => {
      landing.set(id, numbering(page).pageNumber);
      return null;
    },
  } as never);
}

const isHeading = (child: PdfChild | undefined): child is PdfElement =>
  typeof child !== 'string' && child?.type === 'Text' && /^h[1-6]$/.test(child.style?.[0] ?? '');
const isList = (child: PdfChild | undefined): child is PdfElement =>
  typeof child !== 'string' && child?.type === 'View' && child.style?.[0] === 'list';

/**
 * A heading that a list follows, held on one page with the list's first item. In
 * react-pdf's newer engine (which page templates switch on) a heading's
 * `minPresenceAhead` keeps lines of text and table rows with it, but a list is packed
 * on its own and can break right under it. Split in two, the list's first part and
 * the heading move together; its items' markers are already numbered.
 */
function headingsWithLists(child: PdfElement): PdfElement;
function headingsWithLists(child: PdfChild): PdfChild;
function headingsWithLists(child: PdfChild): PdfChild {
  if (typeof child === 'string' || !child.children) return child;
  const children: PdfChild[] = [];
  const kids = child.children;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    const next = kids[i + 1];
    if (kid !== undefined && isHeading(kid) && isList(next) && (next.children?.length ?? 0) > 0) {
      const [first, ...rest] = next.children ?? [];
      const style: StyleName[] = rest.length > 0 ? ['list', 'listHead'] : ['list'];
      const head = el('View', style, first === undefined ? [] : [first], next.props);
      children.push(el('View', undefined, [kid, head], { wrap: false }));
      if (rest.length > 0) children.push(el('View', ['list', 'listTail'], rest));
      i++;
    } else if (kid !== undefined) children.push(headingsWithLists(kid));
  }
  return { ...child, children };
}

/** The header and footer, which a Page repeats on each of its pages (react-pdf's `fixed`). */
const isChrome = (child: PdfChild): child is PdfElement => typeof child !== 'string' && child.props?.fixed === true;

function partition<T, S extends T>(items: readonly T[], test: (item: T) => item is S): [S[], T[]] {
  const yes: S[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

/**
 * The template react-pdf lays every page of a Page element out in (its `layout`
 * prop): the text flows through the middle, the header and the footer are drawn
 * from the page's number. react-pdf measures the room the template leaves for the
 * text page by page, so that room may differ from one page to the next.
 */
function pageTemplate(chrome: readonly ReactElement[], foot: PageFoot | undefined) {
  return function PageTemplate(props: PageProps & { children?: ReactNode }): ReactNode {
    const page = props.subPageNumber ?? 1;
    foot?.cited(page, [props.children].flat());
    const notes = foot?.under(page);
    return [
      createElement(View, { key: 'flow', style: { flexGrow: 1 } } as never, props.children),
      ...(notes ? [notes] : []),
      ...chrome.map((element, index) => drawn(element, props, index)),
    ];
  };
}

/** What a page's template knows of its notes (see `pageFoot` in renderPdf). */
interface PageFoot {
  /** The notes set under this page of the flow, under a short rule; none when it has none. */
  under(page: number): ReactElement | undefined;
  /** Reads the links in the text that landed on this page. */
  cited(page: number, fragments: unknown[]): void;
}

/**
 * The targets of the links in the text of a page's fragments: the payload react-pdf
 * hands a page template, laid-out nodes whose lines carry each run's link.
 */
function linksIn(fragments: unknown[]): string[] {
  const links: string[] = [];
  const walk = (node: LaidOut | undefined): void => {
    if (!node) return;
    for (const line of node.lines ?? [])
      for (const run of line.runs ?? []) if (typeof run.attributes?.link === 'string') links.push(run.attributes.link);
    node.children?.forEach(walk);
  };
  for (const fragment of fragments) walk((fragment as { props?: { node?: LaidOut } } | undefined)?.props?.node);
  return links;
}

/** The part of a node react-pdf has laid out that `linksIn` reads. */
interface LaidOut {
  lines?: { runs?: { attributes?: { link?: unknown } }[] }[];
  children?: LaidOut[];
}

/** A header or footer as it reads on one page: its `render` prop called with that page's numbers. */
function drawn(element: ReactElement, page: PageProps, key: number): ReactElement {
  const {
    render,
    fixed: _fixed,
    children,
    ...props
  } = element.props as {
    render?: (page: PageProps) => ReactNode;
    fixed?: boolean;
    children?: ReactNode;
  };
  return createElement(element.type, { ...props, key: `chrome-${key}` } as never, render ? render(page) : children);
}

/** What a `render` prop is given: `subPageNumber` counts the pages of one Page element (a chapter) from 1. */
export interface PageProps {
  pageNumber: number;
  /** Undefined while react-pdf paginates; set when it numbers the pages it has laid out. */
  totalPages?: number;
  /** Undefined while react-pdf lays a page out, before it numbers them. */
  subPageNumber?: number;
}

/** A chapter's first page opens with its heading: it carries no header and no page number. */
const opensChapter = ({ subPageNumber }: PageProps): boolean => subPageNumber === 1;

const pageNumberOnly = (page: PageProps): string => (opensChapter(page) ? '' : String(page.pageNumber));
const numberAlways = (page: PageProps): string => String(page.pageNumber);

interface RunningHeader {
  even: string;
  odd: string;
  /** On a Page that goes on from the one before (see document.ts): its first page is not a chapter's. */
  always?: boolean;
}

function headerLine({ even, odd, always }: RunningHeader) {
  return (page: PageProps): string =>
    !always && opensChapter(page) ? '' : laidOutSafely(page.pageNumber % 2 === 0 ? even : odd);
}
const pageCount = ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }): string =>
  `${pageNumber} / ${totalPages}`;

interface RunningFooter {
  title: string;
  mirrored: boolean;
}

/**
 * The title and "page / pages" at either end of the footer; on the even pages of
 * a two-sided print the count moves to the left, the outer edge.
 */
function footerLine({ title, mirrored }: RunningFooter, styles: ReturnType<typeof stylesheet>) {
  return ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }): ReactNode => {
    const outerLeft = mirrored && pageNumber % 2 === 0;
    const text = (content: string, style: Record<string, unknown>[]): ReactNode =>
      createElement(Text, { style, hyphenationCallback: whole } as never, content);
    return createElement(
      View,
      { style: [styles.footerLine, ...(outerLeft ? [{ flexDirection: 'row-reverse' }] : [])] } as never,
      text(laidOutSafely(title), [styles.footerText]),
      text(`${pageNumber} / ${totalPages}`, [styles.footerText, styles.footerCount]),
    );
  };
}

/**
 * react-pdf reports what it skips (an image it cannot decode, say) only with
 * console.warn: catch it, so it reaches the user as a message and never as a bare line.
 */
async function capturingConsole<T>(work: () => Promise<T>): Promise<{ result: T; said: string[] }> {
  const said: string[] = [];
  const saved = { warn: console.warn, error: console.error, log: console.log };
  const keep = (...args: unknown[]): void => {
    said.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
  };
  Object.assign(console, { warn: keep, error: keep, log: keep });
  try {
    return { result: await work(), said: [...new Set(said)] };
  } finally {
    Object.assign(console, saved);
  }
}

function documentProps(book: Book): Record<string, unknown> {
  const { title, subtitle, authors, description, lang } = book.meta;
  return {
    title: subtitle ? `${title}: ${subtitle}` : title,
    ...(authors.length > 0 ? { author: authors.join(', ') } : {}),
    ...(description ? { subject: description } : {}),
    keywords: [title, ...authors].join(', '),
    language: lang,
    creator: 'Octavo',
    producer: 'Octavo',
    // react-pdf would write `modificationDate` under a non-standard key (ModificationDate,
    // not ModDate), so only the creation date is set.
    // Without one, react-pdf writes "now" (and pdfkit cannot take null): the epoch, as in the EPUB.
    creationDate: book.buildDate ?? new Date(0),
    pageMode: 'useOutlines',
  };
}

function imageSource(images: ReadonlyMap<string, PrintImage>, key: string): PrintImage {
  const image = images.get(key);
  if (!image) throw new Error(`image ${key} was not loaded`);
  return image;
}

const registered = new Set<string>();

/** Register each family once per process; react-pdf reads a face's file only when text asks for it. */
function registerFonts(families: readonly string[]): void {
  for (const family of new Set(families)) {
    if (registered.has(family)) continue;
    const faces = (fontFamilies[family] ?? fallbackFamilies[family])?.faces;
    if (!faces) throw new Error(`font family ${family} is not in styles/fonts.ts`);
    Font.register({
      family,
      fonts: faces().map(({ file, fontWeight, fontStyle }) => ({ src: file, fontWeight, fontStyle })),
    });
    registered.add(family);
  }
}

/** Page objects in the file (react-pdf writes no object streams, so each is visible). */
function countPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
