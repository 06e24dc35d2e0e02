import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Link, LinkReference, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { Book, LinkTargets } from '../types/book.js';
import { report } from '../types/messages.js';
import { nearest } from './nearest.js';

export type { LinkTargets };

export type ResolvedLink =
  /** A web or mail address, normalised. */
  | { kind: 'external'; href: string }
  /** A place in the book: a chapter, and an id in it unless the link names the chapter alone. */
  | { kind: 'internal'; chapter: number; id?: string }
  /** An internal link to something the book does not have. */
  | { kind: 'broken'; target: string }
  /** Anything else (relative files, other schemes): drawn as plain text. */
  | { kind: 'none' };

/** Stable ASCII name of chapter `index` (0-based): ch01, ch02… Also the id of its start. */
export function chapterId(index: number): string {
  return `ch${String(index + 1).padStart(2, '0')}`;
}

/**
 * A footnote label as an id fragment (labels may hold any character). A label of
 * letters, digits and inner hyphens is its own slug; any other gets a hash of
 * itself after an underscore, which no such label holds, so that labels that read
 * alike (`[^x]` and `[^x*]`, `[^*]` and `[^note]`) never share an id.
 */
function noteSlug(identifier: string): string {
  const label = identifier.toLowerCase();
  const slug = label.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '');
  if (slug === label && slug !== '') return slug;
  return `${slug || 'note'}_${createHash('sha256').update(identifier).digest('hex').slice(0, 8)}`;
}

/** Id of a footnote's note, unique across the book (labels repeat between chapters). */
export function footnoteId(chapterIndex: number, identifier: string): string {
  return `${chapterId(chapterIndex)}-fn-${noteSlug(identifier)}`;
}

/** Id of a footnote's first reference: the target of the note's back-link. */
export function footnoteRefId(chapterIndex: number, identifier: string): string {
  return `${chapterId(chapterIndex)}-fnref-${noteSlug(identifier)}`;
}

/** Index every link target of the book. */
export function collectTargets(book: Pick<Book, 'chapters'>): LinkTargets {
  const ids = new Map<string, number>();
  const files = new Map<string, number>();
  const local = new Map<number, Map<string, string>>();
  book.chapters.forEach((chapter, index) => {
    if (chapter.file.path) files.set(path.resolve(chapter.file.path), index);
    const own = new Map<string, string>();
    local.set(index, own);
    const cited = new Set<string>();
    visit(chapter.tree, 'footnoteReference', (node) => void cited.add(node.identifier));
    visit(chapter.tree, (node) => {
      // A note nothing cites is left out of both outputs, and what it holds with it.
      if (node.type === 'footnoteDefinition' && !cited.has(node.identifier)) return SKIP;
      const id = node.type === 'heading' ? node.data?.id : undefined;
      if (id && !ids.has(id)) ids.set(id, index);
      const localId = node.type === 'heading' ? node.data?.localId : undefined;
      if (id && localId && !own.has(localId)) own.set(localId, id);
      if (node.type === 'footnoteDefinition') {
        ids.set(footnoteId(index, node.identifier), index);
        ids.set(footnoteRefId(index, node.identifier), index);
      }
    });
  });
  return { ids, files, local };
}

/** What `url`, written in the chapter file `fromFile`, points at. */
export function resolveLink(targets: LinkTargets, fromFile: string, url: string): ResolvedLink {
  if (url.startsWith('#')) {
    const written = decode(url.slice(1));
    // As on GitHub, `#id` is first the chapter's own heading; then any id of the book.
    const from = targets.files.get(path.resolve(fromFile));
    const own = from === undefined ? undefined : targets.local.get(from)?.get(written);
    if (from !== undefined && own !== undefined) return { kind: 'internal', chapter: from, id: own };
    const chapter = targets.ids.get(written);
    return chapter === undefined ? { kind: 'broken', target: url } : { kind: 'internal', chapter, id: written };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return { kind: 'none' };
    return URL.canParse(url) ? { kind: 'external', href: new URL(url).href } : { kind: 'none' };
  }
  const [file = '', fragment = ''] = url.split('#', 2);
  if (!/\.(md|markdown)$/i.test(file)) return { kind: 'none' };
  const chapter = targets.files.get(path.resolve(path.dirname(fromFile), decode(file)));
  if (chapter === undefined) return { kind: 'broken', target: url };
  if (fragment === '') return { kind: 'internal', chapter };
  const written = decode(fragment);
  // `other.md#id` means the id GitHub gives in other.md; the book-wide id works too.
  const id = targets.local.get(chapter)?.get(written) ?? written;
  return targets.ids.get(id) === chapter ? { kind: 'internal', chapter, id } : { kind: 'broken', target: url };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Warn at every internal link whose target is in no chapter of the book. */
export function checkLinks(book: Pick<Book, 'chapters'>, targets: LinkTargets): void {
  for (const chapter of book.chapters) {
    const definitions = new Map<string, string>();
    visit(chapter.tree as Root, 'definition', (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    });
    visit(chapter.tree as Root, (node) => {
      if (node.type !== 'link' && node.type !== 'linkReference') return;
      const url = node.type === 'link' ? (node as Link).url : definitions.get((node as LinkReference).identifier);
      if (url === undefined) return;
      const resolved = resolveLink(targets, chapter.file.path, url);
      if (resolved.kind !== 'broken') return;
      report(chapter.file, {
        reason: `Link target not found: ${resolved.target}`,
        ruleId: 'link-broken',
        place: node,
        hint: brokenHint(targets, chapter.file.path, resolved.target),
        severity: 'warning',
      });
    });
  }
}

/** What a broken link most likely meant: the nearest id or chapter file, else how ids are made. */
function brokenHint(targets: LinkTargets, fromFile: string, target: string): string {
  const ids = (chapter?: number): string[] =>
    [...targets.ids]
      .filter(([id, at]) => (chapter === undefined || at === chapter) && !/-fn(ref)?-/.test(id))
      .map(([id]) => id);
  const howIdsAreMade =
    'headings get ids as on GitHub: lower case, spaces as hyphens, punctuation dropped (“A Selfie, Again!” → #a-selfie-again)';
  const [file = '', fragment] = target.split('#', 2);
  if (file === '') {
    const near = nearest(decode(fragment ?? ''), ids());
    return near ? `did you mean #${near}?` : howIdsAreMade;
  }
  const chapter = targets.files.get(path.resolve(path.dirname(fromFile), decode(file)));
  if (chapter !== undefined) {
    const near = nearest(decode(fragment ?? ''), ids(chapter));
    return `${file} has no heading with that id${near ? `; did you mean ${file}#${near}?` : `; ${howIdsAreMade}`}`;
  }
  const names = [...targets.files.keys()].map((name) => path.relative(path.dirname(fromFile), name));
  const near = nearest(decode(file), names);
  return near
    ? `no chapter is at ${file}; did you mean ${near}?`
    : 'a link to another chapter names its .md file, relative to this one, and the book must list that chapter';
}
