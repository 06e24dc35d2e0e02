import type { Root } from 'mdast';
import type { PdfChild } from '../element.js';
import type { State } from '../state.js';

/** A chapter's blocks, in order. Headings nest in the outline by themselves (see heading.ts). */
export function root(state: State, node: Root): PdfChild[] {
  return state.all(node);
}
