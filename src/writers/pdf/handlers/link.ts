import type { Link, LinkReference, Nodes, Parents } from 'mdast';
import { chapterId, resolveLink } from '../../../plugins/link-targets.js';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/**
 * External links stay clickable; `#id` and `chapter.md#id` jump to the target's page.
 * A link to nowhere is drawn as its text (loading the book warned about it).
 */
export function link(state: State, node: Link): PdfChild[] {
  return linkTo(state, node, node.url);
}

export function linkReference(state: State, node: LinkReference): PdfChild[] {
  const definition = state.definitions.get(node.identifier);
  return definition ? linkTo(state, node, definition.url) : state.all(node);
}

function linkTo(state: State, node: Nodes & Parents, url: string): PdfChild[] {
  const children = state.all(node);
  const resolved = resolveLink(state.targets, state.file.path, url);
  switch (resolved.kind) {
    case 'external':
      return [el('Link', ['link'], children, { src: resolved.href, noHyphens: true })];
    case 'internal':
      return [el('Link', ['link'], children, { src: `#${resolved.id ?? chapterId(resolved.chapter)}` })];
    default:
      return children;
  }
}
