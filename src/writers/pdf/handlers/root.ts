import type { List, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { fontFamilies } from '../../../../styles/fonts.js';
import { el, type PdfChild, type PdfElement } from '../element.js';
import { estimateLines } from '../lines.js';
import { insets } from '../stylesheet.js';
import { chapterId } from '../../../plugins/link-targets.js';
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
    const start = out.length;
    if (group.length <= 1) {
      out.push(...marked(state, children[i] as RootContent, state.one(children[i] as RootContent, node)));
    } else {
      const rendered = group.flatMap((child) => marked(state, child, state.one(child, node)));
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
    const next = children[i + 1];
    const last = out.at(-1);
    if (children[i]?.type === 'heading' && next?.type === 'list' && out.length > start && typeof last === 'object') {
      keepWithList(state, last, next);
    }
  }
  return out;
}

/**
 * When the EPUB's page list is made from this PDF, each top-level block carries
 * an id (its own, if it has one), so the rendered file says on which page it starts.
 */
function marked(state: State, block: RootContent, rendered: PdfChild[]): PdfChild[] {
  const offset = block.position?.start.offset;
  const first = rendered.find((child): child is PdfElement => typeof child !== 'string');
  if (!state.blockIds || offset === undefined || !first) return rendered;
  const id = typeof first.props?.id === 'string' ? first.props.id : `${chapterId(state.chapterIndex)}-at-${offset}`;
  first.props = { ...first.props, id };
  state.blockIds.set(offset, id);
  return rendered;
}

/**
 * A heading above a list asks for room for the list's first row, which cannot
 * split (see list.ts): two lines are not enough when that row is longer.
 */
function keepWithList(state: State, heading: PdfElement, list: List): void {
  const first = list.children[0]?.children[0];
  if (first?.type !== 'paragraph') return;
  const { size, leading, fonts } = state.tokens;
  const width = state.textWidth - state.inset - insets(state.tokens).marker;
  const lines = estimateLines(toString(first), width, size.body, fontFamilies[fonts.body]?.advance);
  // One line more than the estimate, and the list's own space above its first row.
  const row = Math.round((Math.min(lines, 12) + 1) * size.body * leading.body + state.tokens.space.block);
  const asked = Number(heading.props?.minPresenceAhead ?? 0);
  if (row > asked) heading.props = { ...heading.props, minPresenceAhead: row };
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
