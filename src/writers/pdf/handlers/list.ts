import type { List, ListItem, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/** Bullets by depth, all drawn by the text face itself (Literata has no ◦ or ▪). */
/** Characters of text up to which a list item is kept on one page. */
const shortItem = 400;

const bullets = ['•', '–', '·'];

export function list(state: State, node: List): PdfChild[] {
  state.listDepth++;
  const items = state.all(node);
  state.listDepth--;
  return [el('View', ['list'], items)];
}

/**
 * A list item is a row: the marker in a fixed column, then the item's blocks.
 * Task items draw their box as shapes, so no font needs a ballot-box glyph.
 */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): PdfChild[] {
  const list = parent?.type === 'list' ? parent : undefined;
  const index = list ? list.children.indexOf(node) : 0;
  const marker =
    typeof node.checked === 'boolean'
      ? el('View', node.checked ? ['checkbox', 'checkboxChecked'] : ['checkbox'])
      : el('Text', ['listMarker'], [list?.ordered ? `${(list.start ?? 1) + index}.` : bullet(state.listDepth)]);
  // react-pdf splits a row's cells independently: a short item stays whole, so its
  // marker never ends a page without its text.
  const short = node.children.length <= 1 && toString(node).length <= shortItem;
  return [
    el('View', ['listItem'], [marker, el('View', ['listBody'], state.all(node))], short ? { wrap: false } : undefined),
  ];
}

/** Nested bullet lists change their bullet like a word processor does. */
function bullet(depth: number): string {
  return bullets[(depth - 1) % bullets.length] ?? '•';
}
