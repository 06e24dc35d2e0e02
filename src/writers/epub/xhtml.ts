import type { Element, ElementContent, Properties, Root as HastRoot, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type {
  Code,
  FootnoteDefinition,
  FootnoteReference,
  Html,
  Image,
  ImageReference,
  Link,
  LinkReference,
  Paragraph,
} from 'mdast';
import { defaultHandlers, toHast, type Handlers, type State } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { Book } from '../../types/book.js';
import { chapterLabel } from '../../plugins/chapter-title.js';
import { formatDate } from '../../plugins/format-date.js';
import { htmlText } from '../../plugins/html-text.js';
import {
  requestedWidth,
  type Details,
  type Keyboard,
  type Subscript,
  type Superscript,
} from '../../plugins/html-nodes.js';
import { labelsFor } from '../../plugins/labels.js';
import { imageFromReference } from '../../plugins/image-reference.js';
import { footnoteId, footnoteRefId } from '../../plugins/link-targets.js';
import { figureNumbers, loneImage } from '../../plugins/figure-numbers.js';
import { highlightable, highlightLines } from '../highlight.js';
import { assetKey, hrefTo, indexBook, resolveHref, type BookIndex } from './nav.js';
import { pageId } from './page-list.js';
import { keepToAllowList } from './sanitize.js';
import { markScriptLanguages } from './script-lang.js';
import { notXml, xhtmlDocument } from './templates.js';

const text = (value: string): Text => ({ type: 'text', value });
const el = (tagName: string, properties: Properties, children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

/** Chapter `index` as the complete XHTML document the EPUB holds (for golden tests). */
export function chapterXhtml(book: Book, index: number): string {
  return chapterDocument(indexBook(book), index).trimEnd();
}

/**
 * Chapter `index` as a complete XHTML document; the first chapter opens with the
 * title block. `breaks` puts the PDF's page-break markers before the blocks that
 * start those pages (see page-list.ts).
 */
export function chapterDocument(bookIndex: BookIndex, index: number, breaks?: ReadonlyMap<number, number[]>): string {
  const { book } = bookIndex;
  const body = renderBody(bookIndex, index, index === 0 ? [titleBlock(book)] : [], breaks);
  return xhtmlDocument({ lang: book.meta.lang, title: chapterLabel(book, index), bodyType: 'bodymatter', body });
}

/** The book's title page, at the start of the first chapter. */
function titleBlock(book: Book): Element {
  const { meta } = book;
  const line = (className: string, value: string | undefined): Element[] =>
    value ? [el('p', { className: [className] }, [text(value)])] : [];
  return el('header', { className: ['title-block'] }, [
    el('h1', { className: ['book-title'] }, [text(meta.title)]),
    ...line('subtitle', meta.subtitle),
    ...line('author', meta.authors.join(', ')),
    ...line('date', meta.date === undefined ? undefined : formatDate(meta.date, meta.lang)),
  ]);
}

/** Block parents in which raw HTML's text gets a paragraph of its own. */
const flow = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** The content of chapter `index`'s <body>, led by `lead`. */
function renderBody(
  bookIndex: BookIndex,
  index: number,
  lead: Element[],
  breaks: ReadonlyMap<number, number[]> = new Map(),
): string {
  const chapter = bookIndex.book.chapters[index];
  if (!chapter) return '';
  const notes: Notes = { order: [], refs: new Map() };
  let state: State | undefined;

  const link = (s: State, node: Link): ElementContent | ElementContent[] => {
    const href = resolveHref(bookIndex, index, node.url);
    const children = s.all(node);
    if (href === undefined) return children;
    // XHTML has no link inside a link: a note's call follows the link, and an inner link is its text.
    const calls = takeNoteCalls(children);
    const a = s.applyData(node, el('a', node.title ? { href, title: node.title } : { href }, children));
    return calls.length > 0 ? [a, ...calls] : a;
  };

  const image = (node: Image): ElementContent | undefined => {
    const key = assetKey(node);
    const name = key === undefined ? undefined : bookIndex.images.get(key);
    // A failed image stops the build before writers run; still, never crash: show the alt.
    if (name === undefined) return node.alt ? text(node.alt) : undefined;
    const asset = key === undefined ? undefined : bookIndex.book.assets.get(key);
    const width = asset ? requestedWidth(node.data, asset) : undefined;
    // Pixels as HTML's own width attribute; a share of the text width as CSS (the attribute takes none).
    const size =
      width === undefined
        ? {}
        : width.unit === 'px'
          ? { width: String(width.value) }
          : { style: `width: ${width.value}%` };
    return el(
      'img',
      { src: `images/${name}`, alt: node.alt ?? '', ...(node.title ? { title: node.title } : {}), ...size },
      [],
    );
  };

  const handlers: Handlers = {
    link,
    linkReference(s, node: LinkReference) {
      const definition = s.definitionById.get(node.identifier.toUpperCase());
      if (!definition) return defaultHandlers.linkReference(s, node);
      return link(s, { type: 'link', url: definition.url, title: definition.title ?? null, children: node.children });
    },
    image: (_s, node: Image) => image(node),
    imageReference: (s, node: ImageReference) => image(referencedImage(s, node)),
    // An image alone in its paragraph is a figure, captioned with its title or else its alt text (as Pandoc does).
    paragraph(s, node: Paragraph) {
      const only = loneImage(node);
      if (!only) return defaultHandlers.paragraph(s, node);
      const figure = only.type === 'image' ? only : referencedImage(s, only);
      const img = image(figure);
      if (!img) return undefined;
      const caption = figure.data?.caption || figure.title || figure.alt;
      const number = bookIndex.numberFigures ? figureNumbers(bookIndex.book.chapters).get(only) : undefined;
      const label =
        number === undefined
          ? []
          : [
              el('span', { className: ['figure-label'] }, [
                text(`${labelsFor(bookIndex.book.meta.lang).figure} ${number}.`),
              ]),
              ...(caption ? [text(' ')] : []),
            ];
      const captioned = label.length > 0 || caption;
      const figureElement = el(
        'figure',
        {},
        captioned ? [img, el('figcaption', {}, [...label, ...(caption ? [text(caption)] : [])])] : [img],
      );
      // Its position places the PDF's page-break markers (see withPageBreaks).
      s.patch(node, figureElement);
      return s.applyData(node, figureElement);
    },
    // Raw HTML from a manuscript is Markdown nodes by now (remark-raw-html); any other is never passed through, only its text.
    html(s, node: Html, parent) {
      const value = htmlText(node.value);
      if (value.trim() === '') return undefined;
      if (!parent || !flow.has(parent.type)) return text(value);
      const paragraph = el('p', {}, [text(value.trim())]);
      s.patch(node, paragraph);
      return s.applyData(node, paragraph);
    },
    footnoteReference(s, node: FootnoteReference) {
      state = s; // definitions render after the body, with the same state
      if (!s.footnoteById.has(node.identifier.toUpperCase())) return text(`[^${node.label ?? node.identifier}]`);
      const id = footnoteId(index, node.identifier);
      if (!notes.order.includes(node.identifier)) notes.order.push(node.identifier);
      const count = (notes.refs.get(node.identifier) ?? 0) + 1;
      notes.refs.set(node.identifier, count);
      const number = String(notes.order.indexOf(node.identifier) + 1);
      const ref = {
        'epub:type': 'noteref',
        role: 'doc-noteref',
        href: hrefTo(index, id, index),
        id: refId(index, node.identifier, count),
      };
      return el('sup', {}, [el('a', ref, [text(number)])]);
    },
    footnoteDefinition: () => undefined,
    // The PDF's colours, as spans the stylesheet colours by kind (see styles/epub-css.ts).
    code(s, node: Code) {
      const pre = defaultHandlers.code(s, node);
      const code = pre.children[0];
      if (!highlightable(node.lang) || code?.type !== 'element') return pre;
      // The line break that ends the block, as the plain one has.
      code.children = [...highlightLines(node.value, node.lang), []].flatMap((runs, index) => [
        ...(index > 0 ? [text('\n')] : []),
        ...runs.map((run) =>
          run.kind ? el('span', { className: [`syntax-${run.kind}`] }, [text(run.text)]) : text(run.text),
        ),
      ]);
      return pre;
    },
    superscript: (s, node: Superscript) => s.applyData(node, el('sup', {}, s.all(node))),
    subscript: (s, node: Subscript) => s.applyData(node, el('sub', {}, s.all(node))),
    keyboard: (s, node: Keyboard) => s.applyData(node, el('kbd', {}, s.all(node))),
    // Closed, as its author wrote it; readers without <details> show it all, as print does.
    details(s, node: Details) {
      const [first, ...rest] = node.children;
      const summary = first?.type === 'summary' ? [el('summary', {}, s.all(first))] : [];
      const content = first?.type === 'summary' ? rest : node.children;
      const details = el('details', {}, s.wrap([...summary, ...s.all({ ...node, children: content })], true));
      s.patch(node, details);
      return s.applyData(node, details);
    },
  };

  const body = toHast(chapter.tree, {
    handlers,
    unknownHandler: (s, node) =>
      'children' in node
        ? s.all(node)
        : 'value' in node && typeof node.value === 'string'
          ? text(node.value)
          : undefined,
  }) as HastRoot;
  const asides = state ? renderNotes(state, index, notes) : [];
  const nl = text('\n');
  const blocks = withPageBreaks(body.children as ElementContent[], breaks);
  // The first page starts with the book's title block, not below it.
  if (lead.length > 0 && blocks[0]?.type === 'element' && isPageBreak(blocks[0])) {
    const first = blocks.findIndex((node) => node.type === 'element' && !isPageBreak(node));
    const markers = blocks.splice(0, first < 0 ? blocks.length : first);
    lead.unshift(...markers.filter((node): node is Element => node.type === 'element'));
  }
  const children = [...lead.flatMap((node) => [node, nl]), ...blocks];
  if (asides.length > 0)
    children.push(
      nl,
      el('section', { className: ['footnotes'] }, [
        nl,
        el('h2', { className: ['notes-heading'] }, [text(labelsFor(bookIndex.book.meta.lang).notes)]),
        ...asides.flatMap((aside) => [nl, aside]),
        nl,
      ]),
    );
  const root: HastRoot = { type: 'root', children };
  markScriptLanguages(root, bookIndex.book.meta.lang);
  xmlSafe(root);
  keepToAllowList(root);
  return xmlEscapes(
    toHtml(root, {
      space: 'html',
      closeSelfClosing: true,
      tightSelfClosing: true,
      closeEmptyElements: false,
      allowDangerousHtml: false,
      collapseEmptyAttributes: false,
      preferUnquoted: false,
      characterReferences: { useNamedReferences: false },
    }),
  );
}

/**
 * Markers of the PDF's pages before the blocks that start them, by the blocks'
 * source offsets. A marker whose block left no element of its own (a definition)
 * goes before the next block, and what is left at the end of the chapter.
 */
function withPageBreaks(blocks: ElementContent[], breaks: ReadonlyMap<number, number[]>): ElementContent[] {
  if (breaks.size === 0) return blocks;
  const marker = (n: number): Element =>
    el('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: pageId(n), 'aria-label': String(n) }, []);
  const pending = [...breaks].sort(([a], [b]) => a - b);
  const out: ElementContent[] = [];
  for (const block of blocks) {
    const offset = block.type === 'element' ? block.position?.start.offset : undefined;
    while (offset !== undefined && pending.length > 0 && (pending[0]?.[0] ?? Infinity) <= offset) {
      out.push(...(pending.shift()?.[1] ?? []).flatMap((n) => [marker(n), text('\n')]));
    }
    out.push(block);
  }
  out.push(...pending.flatMap(([, pages]) => pages).flatMap((n) => [text('\n'), marker(n)]));
  return out;
}

function isPageBreak(node: Element): boolean {
  return node.properties['epub:type'] === 'pagebreak';
}

/**
 * Make `nodes` fit inside a link, which XHTML forbids to hold another: take the
 * footnote calls (`<sup><a role="doc-noteref">`) out, at any depth, and return
 * them in order; any other link (an autolink in the link's text) is left as its text.
 */
function takeNoteCalls(nodes: ElementContent[]): Element[] {
  const calls: Element[] = [];
  const keep = (list: ElementContent[]): ElementContent[] =>
    list.flatMap((node) => {
      if (node.type !== 'element') return [node];
      if (
        node.tagName === 'sup' &&
        node.children.some((c) => c.type === 'element' && c.properties.role === 'doc-noteref')
      ) {
        calls.push(node);
        return [];
      }
      node.children = keep(node.children);
      return node.tagName === 'a' ? node.children : [node];
    });
  nodes.splice(0, nodes.length, ...keep(nodes));
  return calls;
}

/** A reference image as the image its definition describes. */
function referencedImage(s: State, node: ImageReference): Image {
  return imageFromReference(node, s.definitionById.get(node.identifier.toUpperCase()));
}

interface Notes {
  /** Identifiers in order of first reference: that order numbers them. */
  order: string[];
  /** How often each note is referenced; each reference gets a back-link. */
  refs: Map<string, number>;
}

/** Id of the n-th reference to a note: the first is the one the PDF links back to too. */
const refId = (index: number, identifier: string, n: number): string =>
  footnoteRefId(index, identifier) + (n > 1 ? `_${n}` : '');

/** EPUB 3 pop-up notes: one <aside epub:type="footnote"> per note, each linking back to its references. */
function renderNotes(state: State, index: number, notes: Notes): Element[] {
  const asides: Element[] = [];
  // A note may reference a further note, which then joins `order` while we walk it.
  for (let i = 0; i < notes.order.length; i++) {
    const identifier = notes.order[i] ?? '';
    const definition = state.footnoteById.get(identifier.toUpperCase()) as FootnoteDefinition | undefined;
    if (!definition) continue;
    const id = footnoteId(index, identifier);
    const content = state.all(definition).filter((node): node is Element => node.type === 'element');
    const backlinks: ElementContent[] = [];
    for (let n = 1; n <= (notes.refs.get(identifier) ?? 1); n++) {
      backlinks.push(
        text(' '),
        el('a', { href: hrefTo(index, refId(index, identifier, n), index), role: 'doc-backlink' }, [text('↩')]),
      );
    }
    const label = el('span', { className: ['footnote-number'] }, [text(`${i + 1}. `)]);
    const first = content[0];
    if (first?.tagName === 'p') first.children.unshift(label);
    else content.unshift(el('p', {}, [label]));
    const last = content.at(-1);
    if (last?.tagName === 'p') last.children.push(...backlinks);
    else content.push(el('p', {}, backlinks));
    asides.push(el('aside', { 'epub:type': 'footnote', role: 'doc-footnote', id, className: ['footnote'] }, content));
  }
  return asides;
}

/**
 * Stand-ins for what the HTML serialiser writes as it is and XML does not allow:
 * `]]>` in text and `<` in an attribute value. Both are control characters that
 * xmlSafe has taken out of the book's text, so nothing else becomes them.
 */
const lt = '\u0001';
const gt = '\u0002';

/** The serialised chapter with the stand-ins as character references. */
function xmlEscapes(xhtml: string): string {
  return xhtml.replaceAll(lt, '&#x3C;').replaceAll(gt, '&#x3E;');
}

/** A class name a stylesheet can select without escapes. */
const cssName = /^-?[A-Za-z_][\w-]*$/;

/** An attribute value XML takes: no character it forbids, no `<`. */
function xmlAttribute(value: string): string {
  return value.replace(notXml, '').replaceAll('<', lt);
}

/** Make the tree serialise as XHTML every reader takes: no forms, no boolean or obsolete attributes. */
function xmlSafe(root: HastRoot): void {
  visit(root, (node, index, parent) => {
    if (node.type === 'text') node.value = node.value.replace(notXml, '').replaceAll(']]>', `]]${gt}`);
    if (node.type !== 'element') return;
    const props = node.properties;
    if (node.tagName === 'input' && parent && index !== undefined) {
      // Readers draw form controls badly or not at all; a ballot box reads everywhere.
      parent.children[index] = text(props.checked ? '☑' : '☐');
      return;
    }
    if (typeof props.align === 'string') {
      // `align` is obsolete in XHTML5; the stylesheet defines these classes.
      props.className = [...(Array.isArray(props.className) ? props.className : []), `align-${props.align}`];
      delete props.align;
    }
    for (const [key, value] of Object.entries(props)) {
      if (typeof value === 'string') props[key] = xmlAttribute(value);
      // A code block's class carries its info string, which may be anything: a class
      // that is no CSS name is dropped (Calibre, for one, rejects the selector).
      else if (key === 'className' && Array.isArray(value)) {
        const names = value.filter((name): name is string => typeof name === 'string' && cssName.test(name));
        if (names.length > 0) props[key] = names;
        else delete props[key];
      } else if (Array.isArray(value)) {
        props[key] = value.map((v) => (typeof v === 'string' ? xmlAttribute(v) : v)) as string[] | number[];
      } else if (typeof value === 'boolean') delete props[key];
    }
  });
}
