import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';
import { isFigure } from './paragraph.js';

/**
 * A chapter's blocks, in order. A heading asks for two lines of its text on its
 * page (see heading.ts), which says nothing when what follows is another heading
 * or a figure that cannot split: such a run is one unbreakable group, so a heading
 * never ends a page above a subheading, a picture or a short quotation.
 */
export function root(state: State, node: Root): PdfChild[] {
  const out: PdfChild[] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const group = keptTogether(children, i);
    if (group.length <= 1) {
      out.push(...state.one(children[i] as RootContent, node));
      continue;
    }
    const rendered = group.flatMap((child) => state.one(child, node));
    const endsWithHeading = group.at(-1)?.type === 'heading';
    const lineHeight = state.tokens.size.body * state.tokens.leading.body;
    out.push(
      el('View', undefined, rendered, {
        wrap: false,
        ...(endsWithHeading ? { minPresenceAhead: Math.round(lineHeight * 2) } : {}),
      }),
    );
    i += group.length - 1;
  }
  return out;
}

/** The run of headings starting at `start`, with the figure or short quote that follows them. */
function keptTogether(children: RootContent[], start: number): RootContent[] {
  let end = start;
  while (children[end]?.type === 'heading') end++;
  if (end === start) return [];
  const next = children[end];
  if (next?.type === 'paragraph' && isFigure(next)) end++;
  // react-pdf splits a quote whose first lines do not fit by leaving its bar behind: keep a short one whole.
  else if (next?.type === 'blockquote' && toString(next).length <= 800) end++;
  return children.slice(start, end);
}
