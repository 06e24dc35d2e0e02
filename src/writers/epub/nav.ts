import path from 'node:path';
import type { Heading, Image, ImageReference } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { chapterLabel, leadHeading, readable } from '../../plugins/chapter-title.js';
import { chapterId, resolveLink } from '../../plugins/link-targets.js';
import type { Asset, Book } from '../../types/book.js';
import type { PackageDocument } from './package.js';

/** One entry of the table of contents; `order` is its NCX playOrder. */
export interface TocEntry {
  title: string;
  href: string;
  order: number;
  children: TocEntry[];
}

/** Book-wide facts every chapter needs beyond the book: image names. */
export interface BookIndex {
  book: Book;
  /** Asset key → file name under images/, in first-use order. */
  images: Map<string, string>;
  /** Captions start with "Figure N." (the theme's `figures.numbered`). */
  numberFigures: boolean;
}

export const chapterFile = (index: number): string => `${chapterId(index)}.xhtml`;

/**
 * An href to an id in a chapter. Slugs keep non-ASCII letters (GitHub does), and
 * not every reader takes a raw IRI: percent-encode (EPUBCheck decodes it to check).
 */
export function hrefTo(target: number, id: string, from?: number): string {
  const fragment = `#${encodeURIComponent(id)}`;
  return target === from ? fragment : `${chapterFile(target)}${fragment}`;
}

/** The id remark-heading-ids gave a heading (also in hProperties for to-hast). */
export function headingId(node: Heading): string | undefined {
  const id = (node.data as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The Book.assets key remark-load-images put on an image that loaded. */
export function assetKey(node: Image | ImageReference): string | undefined {
  const key = (node.data as { asset?: unknown } | undefined)?.asset;
  return typeof key === 'string' ? key : undefined;
}

/** An image's file extension in the EPUB, which carries a WebP as a PNG (see images.ts). */
export const extension = (asset: Asset): string => extensions[asset.mediaType];

const extensions: Record<Asset['mediaType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'png',
  'image/svg+xml': 'svg',
};

/** Image names, fixed once for the whole book before any chapter renders. */
export function indexBook(book: Book, options: { numberFigures?: boolean } = {}): BookIndex {
  const images = new Map<string, string>();
  for (const chapter of book.chapters) {
    visit(chapter.tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const key = assetKey(node);
      const asset = key === undefined ? undefined : book.assets.get(key);
      if (key === undefined || !asset || images.has(key)) return;
      const stem = path.posix
        .basename(asset.path)
        .replace(/\.[^.]*$/, '')
        .toLowerCase();
      const safe =
        stem
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 40) || 'image';
      images.set(key, `img-${String(images.size + 1).padStart(3, '0')}-${safe}.${extension(asset)}`);
    });
  }
  return { book, images, numberFigures: options.numberFigures ?? false };
}

/** Where a link goes in the EPUB, or undefined when it must become plain text. */
export function resolveHref(index: BookIndex, from: number, url: string): string | undefined {
  const resolved = resolveLink(index.book.targets, index.book.chapters[from]?.file.path ?? '', url);
  if (resolved.kind === 'external') return resolved.href;
  if (resolved.kind !== 'internal') return undefined;
  return resolved.id === undefined ? chapterFile(resolved.chapter) : hrefTo(resolved.chapter, resolved.id, from);
}

/**
 * The nested table of contents: one entry per chapter, its headings under it by
 * depth. A chapter that opens with a heading is represented by that heading, so
 * the reader does not see the same title twice.
 */
export function buildToc(book: Book): { entries: TocEntry[]; depth: number } {
  let order = 0;
  let depth = 1;
  const entries = book.chapters.map((chapter, index): TocEntry => {
    const lead = leadHeading(chapter.tree);
    const title = chapterLabel(book, index);
    const root: TocEntry = { title, href: chapterFile(index), order: ++order, children: [] };
    // Open entries with the depth that opened them; the chapter itself sits at 0.
    const stack: { entry: TocEntry; depth: number }[] = [{ entry: root, depth: 0 }];
    visit(chapter.tree, (node) => {
      // A note's headings are the note's, not the chapter's: a note may be left out, and is read at the end.
      if (node.type === 'footnoteDefinition') return SKIP;
      if (node.type !== 'heading') return;
      const id = headingId(node);
      if (node === lead || id === undefined) return;
      while (stack.length > 1 && (stack.at(-1)?.depth ?? 0) >= node.depth) stack.pop();
      const text = toString(node);
      const entry: TocEntry = {
        title: readable(text) ? text : id,
        href: hrefTo(index, id),
        order: ++order,
        children: [],
      };
      (stack.at(-1)?.entry ?? root).children.push(entry);
      stack.push({ entry, depth: node.depth });
      depth = Math.max(depth, stack.length);
    });
    return root;
  });
  return { entries, depth };
}

/**
 * NCX playOrder across the table of contents and the page list together: the
 * NCX wants one number per distinct target, rising in reading order (the file's
 * place in the spine, then where its id sits in the file).
 */
export function assignPlayOrder(
  documents: readonly PackageDocument[],
  targets: readonly { href: string; order: number }[],
) {
  const place = (href: string): [number, number] => {
    const [file = '', fragment] = href.split('#');
    const doc = documents.findIndex((d) => `${d.id}.xhtml` === file);
    // The href carries the id percent-encoded (hrefTo), the document as it is.
    const id = fragment === undefined ? undefined : decodeURIComponent(fragment);
    const at = id === undefined ? 0 : (documents[doc]?.xhtml.indexOf(` id="${id}"`) ?? 0);
    return [doc, at];
  };
  const places = new Map(targets.map((t) => [t.href, place(t.href)]));
  const ordered = [...places].sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1]).map(([href]) => href);
  const orders = new Map(ordered.map((href, i) => [href, i + 1]));
  for (const target of targets) target.order = orders.get(target.href) ?? 0;
}

/** Every entry of a nested table of contents, depth first. */
export function flattenToc(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flattenToc(entry.children)]);
}
