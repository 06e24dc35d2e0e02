import type { Heading } from 'mdast';
import { el, type PdfChild, type StyleName } from '../element.js';
import type { State } from '../state.js';

/**
 * A heading carries its id (the target of `#id` links). It asks for room for about
 * three lines of what follows, so it is not left alone at the foot of a page.
 */
export function heading(state: State, node: Heading): PdfChild[] {
  const style = `h${node.depth}` as StyleName;
  const id = node.data?.id;
  const lineHeight = state.tokens.size.body * state.tokens.leading.body;
  return [
    el('Text', [style], state.all(node), {
      ...(id ? { id } : {}),
      minPresenceAhead: Math.round(lineHeight * 3),
      noHyphens: true,
    }),
  ];
}
