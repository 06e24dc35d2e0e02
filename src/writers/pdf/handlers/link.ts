import type { Link, LinkReference, Nodes, Parents } from 'mdast';
import { chapterId, resolveLink } from '../../../plugins/link-targets.js';
import { labelsFor } from '../../../plugins/labels.js';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/**
 * External links stay clickable; `#id` and `chapter.md#id` jump to the target's page,
 * and show it, as "(p. 3)", once a rendering has said where it is and the theme asks.
 * A link to nowhere is drawn as its text (loading the book warned about it).
 */
export function link(state: State, node: Link): PdfChild[] {
  return linkTo(state, node, node.url);
}

export function linkReference(state: State, node: LinkReference): PdfChild[] {
  const definition = state.definitions.get(node.identifier);
  return definition ? linkTo(state, node, definition.url) : state.all(node);
}

/** Blocks (linked images) inside a link that goes where `url` says; the blocks alone when it goes nowhere. */
export function linkBlock(state: State, url: string, blocks: PdfChild[]): PdfChild[] {
  const src = target(state, url);
  return src ? [el('Link', undefined, blocks, { src })] : blocks;
}

function linkTo(state: State, node: Nodes & Parents, url: string): PdfChild[] {
  const children = state.all(node);
  const src = target(state, url);
  if (!src) return children;
  const page = src.startsWith('#') ? state.pageOf.get(src.slice(1)) : undefined;
  if (page === undefined) return [el('Link', ['link'], children, { src })];
  // One run of text, so the link is one area rather than one per piece.
  const reference = `\u00a0(${labelsFor(state.book.meta.lang).page}\u00a0${page})`;
  const last = children.at(-1);
  const text = typeof last === 'string' ? [...children.slice(0, -1), last + reference] : [...children, reference];
  return [el('Link', ['link'], text, { src })];
}

/** Where a link goes in the PDF: a URL, `#id`, or nowhere. */
function target(state: State, url: string): string | undefined {
  const resolved = resolveLink(state.book.targets, state.file.path, url);
  if (resolved.kind === 'external') return resolved.href;
  if (resolved.kind === 'internal') return `#${resolved.id ?? chapterId(resolved.chapter)}`;
  return undefined;
}
