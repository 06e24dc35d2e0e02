import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild, type StyleName } from '../element.js';
import type { State } from '../state.js';

/**
 * A heading carries its id (the target of `#id` links) and its bookmark. It asks
 * for room for two lines of what follows, so it is not left alone at the
 * foot of a page: headings stay siblings of the text they lead, because react-pdf
 * ignores that request for the first child of a View.
 */
export function heading(state: State, node: Heading): PdfChild[] {
  const style = `h${node.depth}` as StyleName;
  const id = node.data?.id;
  const lineHeight = state.tokens.size.body * state.tokens.leading.body;
  return [
    el('Text', [style], state.all(node), {
      ...(id ? { id } : {}),
      bookmark: { title: toString(node), fit: true, expanded: true, ...state.outline.enter(node.depth) },
      minPresenceAhead: Math.round(lineHeight * 2 + state.tokens.space.paragraph),
      // Never split: a heading with no room left would otherwise leave an empty first
      // part on the page, and its bookmark with it (a second outline entry).
      wrap: false,
      noHyphens: true,
    }),
  ];
}
