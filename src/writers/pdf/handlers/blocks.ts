import type { Blockquote } from 'mdast';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';
import { insets } from '../stylesheet.js';

export function blockquote(state: State, node: Blockquote): PdfChild[] {
  return [
    el(
      'View',
      ['blockquote'],
      state.within(quoteInset(state), () => state.all(node)),
    ),
  ];
}

export function thematicBreak(): PdfChild[] {
  return [el('View', ['thematicBreak'])];
}

function quoteInset(state: State): number {
  const inset = insets(state.tokens);
  return inset.quote + inset.quoteBar;
}
