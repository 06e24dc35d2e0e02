import type { FootnoteReference } from 'mdast';
import { footnoteId } from '../../../plugins/link-targets.js';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/** A footnote reference: its number, raised, linked to the note at the chapter's end. */
export function footnoteReference(state: State, node: FootnoteReference): PdfChild[] {
  if (!state.footnotes.has(node.identifier)) return [`[^${node.label ?? node.identifier}]`];
  let index = state.footnoteOrder.indexOf(node.identifier);
  if (index === -1) index = state.footnoteOrder.push(node.identifier) - 1;
  const number = String(index + 1);
  return [
    el('Link', ['link'], [el('Text', ['noteRef'], [number])], {
      src: `#${footnoteId(state.chapterIndex, node.identifier)}`,
    }),
  ];
}
