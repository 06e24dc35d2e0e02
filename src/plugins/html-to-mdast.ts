import type {
  BlockContent,
  DefinitionContent,
  Image,
  Link,
  Paragraph,
  PhrasingContent,
  RootContent,
  Text,
} from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Point, Position } from 'unist';
import type { Details, Summary } from './html-nodes.js';
import {
  type ImageWidth,
  elementVerdict,
  isBlockElement,
  parseLength,
  unsafeAttribute,
  unsafeHref,
  unsafeImageSource,
} from './html-policy.js';

type HtmlNode = DefaultTreeAdapterMap['childNode'];
type HtmlElement = DefaultTreeAdapterMap['element'];

/** What the converter needs from the chapter: the nodes placeholders stand for, positions, and a place to warn. */
export interface HtmlSource {
  /** The Markdown node a placeholder character stands for (see remark-raw-html.ts). */
  original(char: string): RootContent | undefined;
  /** The chapter's point for an offset into the parsed HTML. */
  point(offset: number): Point | undefined;
  /** The HTML as parsed, to tell a comment from a bogus one. */
  html: string;
  warn(kind: 'raw' | 'removed', reason: string, at: Point | undefined, hint: string): void;
}

/** Where the conversion lands: among blocks (a chapter, a quote, a list item) or inside a line. */
export type Mode = 'flow' | 'phrasing';

type Block = BlockContent | DefinitionContent;
/** Forces a paragraph to end: the edge of an HTML block (a <div>) among phrasing content. */
const boundary = { type: 'boundary' } as const;
type Item = PhrasingContent | Block | typeof boundary;

/** Placeholders are single characters of Unicode's supplementary private use plane A. */
export const placeholderPattern = /[\u{F0000}-\u{FFFFD}]/gu;

const phrasingTypes = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
  'html',
  'superscript',
  'subscript',
  'keyboard',
]);

const isPhrasing = (item: Item): item is PhrasingContent => phrasingTypes.has(item.type);

const hints = {
  raw: 'from HTML, Octavo renders <img>, <figure>, <br>, <sup>, <sub>, <kbd>, <em>, <strong>, <a> and <details>; write the rest in Markdown',
  removed: 'a book holds text and pictures: nothing in it may run, load, embed or submit anything',
  attributes:
    'the theme sets the look; an <img> takes width (in pixels, or a percentage of the text width), alt and title',
};

/** A name or value from the manuscript as a message may print it: no control characters, not too long. */
function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

/**
 * The Markdown nodes for parsed HTML: allowed elements as the nodes both writers
 * draw, the text of everything else, nothing of what could act. Every removal is
 * a warning at its tag.
 */
export function htmlToMdast(nodes: HtmlNode[], mode: Mode, source: HtmlSource): RootContent[] {
  const converter = new Converter(source);
  const items = converter.all(nodes, mode);
  return mode === 'flow' ? asFlow(items) : asPhrasing(items);
}

class Converter {
  /** Inside a removed element whose text is kept: its parts are not reported again as not rendered. */
  private removedDepth = 0;

  constructor(private readonly source: HtmlSource) {}

  all(nodes: HtmlNode[], mode: Mode): Item[] {
    return nodes.flatMap((node) => this.one(node, mode));
  }

  private one(node: HtmlNode, mode: Mode): Item[] {
    if (node.nodeName === '#text') return this.text(node as DefaultTreeAdapterMap['textNode']);
    if (node.nodeName === '#comment') return this.comment(node as DefaultTreeAdapterMap['commentNode']);
    if (!('tagName' in node)) return [];
    return this.element(node, mode);
  }

  /** Text, with the Markdown nodes its placeholders stand for put back in their places. */
  private text(node: DefaultTreeAdapterMap['textNode']): Item[] {
    const position = this.position(node.sourceCodeLocation);
    const items: Item[] = [];
    let last = 0;
    const value = node.value;
    const push = (end: number): void => {
      if (end > last) items.push(withPosition({ type: 'text', value: value.slice(last, end) }, position));
    };
    for (const match of value.matchAll(placeholderPattern)) {
      push(match.index);
      last = match.index + match[0].length;
      const original = this.source.original(match[0]);
      if (original) items.push(original as Item);
    }
    push(value.length);
    return items;
  }

  /** Comments are the author's notes; the other things HTML parses as comments were meant to do something. */
  private comment(node: DefaultTreeAdapterMap['commentNode']): Item[] {
    const start = node.sourceCodeLocation?.startOffset ?? 0;
    const written = this.source.html.slice(start, start + 9);
    if (written.startsWith('<!--')) return [];
    const what = written.startsWith('<?')
      ? 'A processing instruction (<?…?>) is removed: HTML has none'
      : /^<!\[CDATA\[/i.test(written)
        ? 'A CDATA section (<![CDATA[…]]>) is removed: it means nothing in HTML'
        : /^<!ENTITY/i.test(written)
          ? 'An entity declaration (<!ENTITY …>) is removed: a book defines no entities'
          : `A declaration (${shown(written)}…) is removed: it means nothing in HTML`;
    this.source.warn('removed', what, this.source.point(start), hints.removed);
    return [];
  }

  private element(node: HtmlElement, mode: Mode): Item[] {
    const name = node.tagName.toLowerCase();
    const verdict = elementVerdict(name);
    const at = this.source.point(node.sourceCodeLocation?.startOffset ?? 0);
    if (verdict.kind === 'unsafe') {
      const content = contentOf(node).length > 0;
      this.source.warn(
        'removed',
        !content
          ? `<${name}> is removed: ${verdict.why}`
          : verdict.keepText
            ? `<${name}> is removed (${verdict.why}); its content is kept`
            : `<${name}> is removed with its content: ${verdict.why}`,
        at,
        hints.removed,
      );
      this.unsafeAttributes(node, name);
      if (!verdict.keepText) return this.swallowedBlocks(node);
      this.removedDepth++;
      try {
        return this.unwrapped(node, name, mode);
      } finally {
        this.removedDepth--;
      }
    }
    if (verdict.kind === 'unknown') {
      if (this.removedDepth === 0)
        this.source.warn('raw', `<${shown(name)}> is not rendered; its content is kept`, at, hints.raw);
      this.unsafeAttributes(node, name);
      return this.unwrapped(node, name, mode);
    }
    // An <a> without href is reported once, as not a link.
    if (name === 'a' && attribute(node, 'href') === undefined) this.unsafeAttributes(node, name);
    else this.attributes(node, name, verdict.attributes);
    return this.allowed(node, name, mode);
  }

  /**
   * The Markdown blocks an element removed with its content had swallowed (an
   * unclosed <title> before paragraphs): they are the author's, not the element's.
   * Words inside a line (`<script>` text between the tags) go with the element.
   */
  private swallowedBlocks(node: HtmlElement): Item[] {
    const blocks: Item[] = [];
    const walk = (nodes: HtmlNode[]): void => {
      for (const child of nodes) {
        if (child.nodeName === '#text') {
          for (const item of this.text(child as DefaultTreeAdapterMap['textNode'])) {
            if (!isPhrasing(item)) blocks.push(item);
          }
        } else if ('tagName' in child) walk(contentOf(child));
      }
    };
    walk(contentOf(node));
    return blocks;
  }

  /** The element's content without it: a block element's text stays a block of its own. */
  private unwrapped(node: HtmlElement, name: string, mode: Mode): Item[] {
    const items = this.all(contentOf(node), mode);
    return isBlockElement(name) ? [boundary, ...items, boundary] : items;
  }

  private allowed(node: HtmlElement, name: string, mode: Mode): Item[] {
    const children = (): Item[] => this.all(contentOf(node), mode);
    const position = this.position(node.sourceCodeLocation);
    const wrap = (make: (children: PhrasingContent[]) => PhrasingContent): Item[] =>
      wrapPhrasing(children(), (content) => withPosition(make(content), position));
    switch (name) {
      case 'em':
      case 'i':
        return wrap((content) => ({ type: 'emphasis', children: content }));
      case 'strong':
      case 'b':
        return wrap((content) => ({ type: 'strong', children: content }));
      case 'del':
      case 's':
        return wrap((content) => ({ type: 'delete', children: content }));
      case 'sup':
        return wrap((content) => ({ type: 'superscript', children: content }));
      case 'sub':
        return wrap((content) => ({ type: 'subscript', children: content }));
      case 'kbd':
        return wrap((content) => ({ type: 'keyboard', children: content }));
      case 'code':
        return [withPosition({ type: 'inlineCode', value: plainText(children()) }, position)];
      case 'br':
        return [withPosition({ type: 'break' }, position)];
      case 'a':
        return this.link(node, children(), position);
      case 'img':
        return this.image(node, position);
      case 'figure':
        return mode === 'flow' ? this.figure(node) : children();
      case 'details':
        return mode === 'flow' ? this.details(node, position) : children();
      case 'summary': {
        const lead = wrap((content) => ({ type: 'strong', children: content }));
        return mode === 'flow' ? [boundary, ...lead, boundary] : lead;
      }
      default:
        // p and figcaption (outside a figure): a paragraph of their own.
        return mode === 'flow' ? [boundary, ...children(), boundary] : children();
    }
  }

  private link(node: HtmlElement, children: Item[], position: Position | undefined): Item[] {
    const href = attribute(node, 'href');
    if (href === undefined) {
      this.source.warn(
        'raw',
        '<a> without href is not a link; its text is kept',
        this.source.point(node.sourceCodeLocation?.startOffset ?? 0),
        'link with Markdown: [text](#heading-id) or [text](https://…)',
      );
      return children;
    }
    const unsafe = unsafeHref(href);
    if (unsafe !== undefined) {
      this.source.warn(
        'removed',
        `A ${shown(unsafe)}: link is removed; its text is kept`,
        this.attributePoint(node, 'href'),
        'a link goes to the web (http, https), to a mail address (mailto) or into the book; nothing in a book may run a script',
      );
      return children;
    }
    const title = attribute(node, 'title');
    return wrapPhrasing(children, (content) =>
      withPosition(
        { type: 'link', url: href.trim(), title: title ?? null, children: content.flatMap(withoutLinks) } as Link,
        position,
      ),
    );
  }

  private image(node: HtmlElement, position: Position | undefined): Item[] {
    const alt = attribute(node, 'alt');
    const altText = alt ? [withPosition({ type: 'text', value: alt } as Text, position)] : [];
    const src = attribute(node, 'src')?.trim();
    if (!src) {
      this.source.warn(
        'raw',
        alt ? '<img> without src; its alt text is kept' : '<img> without src is dropped',
        this.source.point(node.sourceCodeLocation?.startOffset ?? 0),
        'an image names a PNG, JPEG, GIF, WebP or SVG file in the book folder: <img src="images/figure.png" alt="…">',
      );
      return altText;
    }
    const unsafe = unsafeImageSource(src);
    if (unsafe !== undefined) {
      this.source.warn(
        'removed',
        `An image with a ${shown(unsafe)}: source is removed${alt ? '; its alt text is kept' : ''}`,
        this.attributePoint(node, 'src'),
        'an image is a PNG, JPEG, GIF, WebP or SVG file in the book folder, named by its path: <img src="images/figure.png">',
      );
      return altText;
    }
    const width = this.length(node, 'width');
    const height = width ? undefined : this.length(node, 'height');
    const image: Image = {
      type: 'image',
      url: src,
      alt: alt ?? null,
      title: attribute(node, 'title') ?? null,
      ...(position ? { position } : {}),
    };
    if (width) image.data = { width };
    else if (height?.unit === 'px') image.data = { height: height.value };
    return [image];
  }

  /** A width or height to size the image by, or undefined (with a warning when one was written but is of no use). */
  private length(node: HtmlElement, name: 'width' | 'height'): ImageWidth | undefined {
    const written = attribute(node, name);
    if (written === undefined) return undefined;
    const length = parseLength(written);
    if (!length || (name === 'height' && length.unit === '%')) {
      this.source.warn(
        'raw',
        `<img ${name}="${shown(written)}"> is not a size Octavo can use; the image keeps its own`,
        this.attributePoint(node, name),
        'give the width in pixels (width="300", printed at 96 per inch) or as a share of the text width (width="50%")',
      );
      return undefined;
    }
    return length;
  }

  /** A figure: its one image, captioned with the <figcaption>; or else its content and caption as they come. */
  private figure(node: HtmlElement): Item[] {
    const content = contentOf(node);
    const captions = content.filter((child) => 'tagName' in child && child.tagName.toLowerCase() === 'figcaption');
    const caption = asPhrasing(captions.flatMap((child) => this.all(contentOf(child as HtmlElement), 'phrasing')));
    const blocks = asFlow(
      this.all(
        content.filter((child) => !captions.includes(child)),
        'flow',
      ),
    );
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const image = only?.type === 'paragraph' ? loneImage(only) : undefined;
    const text = toString({ type: 'paragraph', children: caption }).trim();
    if (image) {
      if (text) image.data = { ...image.data, caption: text };
      return blocks;
    }
    return [...blocks, boundary, ...caption, boundary];
  }

  private details(node: HtmlElement, position: Position | undefined): Item[] {
    const content = contentOf(node);
    const summaryElement = content.find((child) => 'tagName' in child && child.tagName.toLowerCase() === 'summary');
    const summaryContent = summaryElement
      ? asPhrasing(this.all(contentOf(summaryElement as HtmlElement), 'phrasing'))
      : [];
    const blocks = asFlow(
      this.all(
        content.filter((child) => child !== summaryElement),
        'flow',
      ),
    );
    const summary: Summary[] = hasContent(summaryContent) ? [{ type: 'summary', children: trim(summaryContent) }] : [];
    const details: Details = { type: 'details', children: [...summary, ...(blocks as Block[])] };
    return [withPosition(details, position)];
  }

  /** Warn about the attributes an allowed element does not keep: scripts as removed, the rest as not rendered. */
  private attributes(node: HtmlElement, name: string, allowed: readonly string[]): void {
    const dropped: string[] = [];
    for (const attr of node.attrs) {
      const full = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
      if (allowed.includes(full)) continue;
      if (!this.unsafeAttribute(node, name, full, attr.value)) dropped.push(shown(full));
    }
    if (dropped.length === 0) return;
    const list =
      dropped.length === 1 ? `${dropped[0]} is` : `${dropped.slice(0, -1).join(', ')} and ${dropped.at(-1)} are`;
    this.source.warn(
      'raw',
      `<${name}>: ${list} not rendered`,
      this.source.point(node.sourceCodeLocation?.startOffset ?? 0),
      hints.attributes,
    );
  }

  private unsafeAttributes(node: HtmlElement, name: string): void {
    for (const attr of node.attrs)
      this.unsafeAttribute(node, name, attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name, attr.value);
  }

  /** Warn when the attribute could act; true when it could. */
  private unsafeAttribute(node: HtmlElement, name: string, attribute: string, value: string): boolean {
    const why = unsafeAttribute(attribute, value);
    if (why === undefined) return false;
    this.source.warn(
      'removed',
      `${shown(attribute)} is removed from <${shown(name)}>: ${why}`,
      this.attributePoint(node, attribute),
      hints.removed,
    );
    return true;
  }

  private attributePoint(node: HtmlElement, attribute: string): Point | undefined {
    const location = node.sourceCodeLocation;
    return this.source.point(location?.attrs?.[attribute]?.startOffset ?? location?.startOffset ?? 0);
  }

  private position(location: { startOffset: number; endOffset: number } | null | undefined): Position | undefined {
    if (!location) return undefined;
    const start = this.source.point(location.startOffset);
    const end = this.source.point(location.endOffset);
    return start && end ? { start, end } : undefined;
  }
}

/** Children of an element (a template's live in its content). */
function contentOf(node: HtmlElement): HtmlNode[] {
  return 'content' in node ? (node.content as DefaultTreeAdapterMap['documentFragment']).childNodes : node.childNodes;
}

function attribute(node: HtmlElement, name: string): string | undefined {
  return node.attrs.find((attr) => attr.name === name && !attr.prefix)?.value;
}

function withPosition<T extends object>(node: T, position: Position | undefined): T {
  return position ? { ...node, position } : node;
}

/**
 * Phrasing wrapped by an inline element (<em>, <a>…). HTML lets such an element
 * hold whole paragraphs; Markdown does not, so it wraps each paragraph's content.
 */
function wrapPhrasing(items: Item[], make: (children: PhrasingContent[]) => PhrasingContent): Item[] {
  const out: Item[] = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push(make(run));
    run = [];
  };
  for (const item of items) {
    if (isPhrasing(item)) {
      run.push(item);
      continue;
    }
    flush();
    out.push(item.type === 'paragraph' ? { ...item, children: [make(item.children)] } : item);
  }
  flush();
  return out;
}

/** A link inside a link is its text: neither output can nest them. */
function withoutLinks(node: PhrasingContent): PhrasingContent[] {
  if (node.type === 'link' || node.type === 'linkReference') return node.children.flatMap(withoutLinks);
  if ('children' in node) return [{ ...node, children: node.children.flatMap(withoutLinks) } as PhrasingContent];
  return [node];
}

/** Items as blocks: each run of phrasing content becomes a paragraph. */
function asFlow(items: Item[]): Block[] {
  const out: Block[] = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    if (hasContent(run)) out.push(paragraph(trim(run)));
    run = [];
  };
  for (const item of items) {
    if (isPhrasing(item)) run.push(item);
    else {
      flush();
      if (item.type !== 'boundary') out.push(item);
    }
  }
  flush();
  return out;
}

/** Items inside a line: a paragraph's content is spliced in, any other block kept as its text. */
function asPhrasing(items: Item[]): PhrasingContent[] {
  return items.flatMap((item): PhrasingContent[] => {
    if (isPhrasing(item)) return [item];
    if (item.type === 'boundary') return [];
    if (item.type === 'paragraph') return item.children;
    const value = toString(item);
    return value ? [{ type: 'text', value }] : [];
  });
}

function paragraph(children: PhrasingContent[]): Paragraph {
  const first = children[0]?.position;
  const last = children.at(-1)?.position;
  return {
    type: 'paragraph',
    children,
    ...(first && last ? { position: { start: first.start, end: last.end } } : {}),
  };
}

/** Whether a run says anything: words, or anything but white space and line breaks. */
function hasContent(run: PhrasingContent[]): boolean {
  return run.some((node) => (node.type === 'text' ? node.value.trim() !== '' : node.type !== 'break'));
}

/** White space at the edges of a block is the HTML source's layout, not text. */
function trim(run: PhrasingContent[]): PhrasingContent[] {
  const out = [...run];
  while (out[0]?.type === 'break' || (out[0]?.type === 'text' && out[0].value.trim() === '')) out.shift();
  while (out.at(-1)?.type === 'break' || (out.at(-1)?.type === 'text' && (out.at(-1) as Text).value.trim() === ''))
    out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, value: first.value.trimStart() };
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.trimEnd() };
  return out;
}

/** The image a paragraph holds alone (white space aside), which the writers set as a figure. */
function loneImage(node: Paragraph): Image | undefined {
  const content = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
  return content.length === 1 && content[0]?.type === 'image' ? content[0] : undefined;
}

/** The words of items, for what can hold only text (<code>). */
function plainText(items: Item[]): string {
  return toString({ type: 'paragraph', children: asPhrasing(items) });
}
