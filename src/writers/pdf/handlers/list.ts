import type { List, ListItem, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';
import { insets } from '../stylesheet.js';

/** Characters of text up to which an item's first block is kept on one page with its marker. */
const shortBlock = 400;

/** Bullets by depth, all drawn by the text face itself (Literata has no ◦ or ▪). */
const bullets = ['•', '–', '·'];

export function list(state: State, node: List): PdfChild[] {
  state.listDepth++;
  const items = state.all(node);
  state.listDepth--;
  return [el('View', ['list'], items)];
}

/**
 * A list item is a row: the marker in a fixed column, then the item's first block;
 * its further blocks (more paragraphs, a nested list) follow, indented as far.
 * react-pdf splits a row's cells independently, so the row of a short first block
 * is unbreakable: a marker never ends a page without its text. Task items draw
 * their box as shapes, so no font needs a ballot-box glyph.
 */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): PdfChild[] {
  const list = parent?.type === 'list' ? parent : undefined;
  const index = list ? list.children.indexOf(node) : 0;
  const marker =
    typeof node.checked === 'boolean'
      ? el('View', node.checked ? ['checkbox', 'checkboxChecked'] : ['checkbox'])
      : el('Text', ['listMarker'], [list?.ordered ? `${(list.start ?? 1) + index}.` : bullet(state.listDepth)]);
  const [first, ...rest] = state.within(insets(state.tokens).marker, () =>
    node.children.map((child) => state.one(child, node)),
  );
  const short = node.children[0] === undefined || toString(node.children[0]).length <= shortBlock;
  const row = el(
    'View',
    ['listItem'],
    [marker, el('View', ['listBody'], first ?? [])],
    short ? { wrap: false } : undefined,
  );
  return rest.length === 0 ? [row] : [el('View', undefined, [row, el('View', ['listRest'], rest.flat())])];
}

/** Nested bullet lists change their bullet like a word processor does. */
function bullet(depth: number): string {
  return bullets[(depth - 1) % bullets.length] ?? '•';
}
