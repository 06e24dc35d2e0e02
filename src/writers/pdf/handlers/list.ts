import type { List, ListItem, Parents, RootContent } from 'mdast';
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
 * its further blocks (more paragraphs, a nested list) follow, indented as far, as
 * siblings of the row (react-pdf overprints the lines of a long block split across
 * pages inside nested Views). react-pdf splits a row's cells independently, so a
 * row is unbreakable unless its block is a long paragraph: a marker never ends a
 * page without its text. A first block that is long and not a paragraph (a long
 * code block) gets the marker on a line of its own. Task items draw their box as
 * shapes, so no font needs a ballot-box glyph.
 */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): PdfChild[] {
  const list = parent?.type === 'list' ? parent : undefined;
  const index = list ? list.children.indexOf(node) : 0;
  const marker =
    typeof node.checked === 'boolean'
      ? el('View', ['checkbox'], node.checked ? [el('View', ['checkMark'])] : [])
      : el('Text', ['listMarker'], [list?.ordered ? `${(list.start ?? 1) + index}.` : bullet(state.listDepth)]);
  const rendered = state.within(insets(state.tokens).marker, () =>
    node.children.map((child) => state.one(child, node)),
  );
  // A tight list (no blank lines between items) keeps its items close, even in a
  // theme that puts space between paragraphs.
  const tight = list?.spread !== true && node.spread !== true;
  const blocks = tight ? rendered.map((block) => block.map(tighten)) : rendered;
  const first = node.children[0];
  const keep = first === undefined || first.type === 'paragraph' || fitsBesideMarker(first);
  const [beside = [], ...rest] = keep ? blocks : [[], ...blocks];
  const short = first === undefined || !keep || toString(first).length <= shortBlock;
  const row = el('View', ['listItem'], [marker, el('View', ['listBody'], beside)], short ? { wrap: false } : undefined);
  return rest.length === 0 ? [row] : [row, el('View', ['listRest'], rest.flat())];
}

function tighten(child: PdfChild): PdfChild {
  if (typeof child === 'string' || child.type !== 'Text' || !child.style?.includes('paragraph')) return child;
  return { ...child, style: [...child.style, 'tight'] };
}

/** A block small enough to move to the next page whole, with the marker beside it. */
function fitsBesideMarker(block: RootContent): boolean {
  if (block.type === 'code') return block.value.split('\n').length <= 30;
  return toString(block).length <= shortBlock;
}

/** Nested bullet lists change their bullet like a word processor does. */
function bullet(depth: number): string {
  return bullets[(depth - 1) % bullets.length] ?? '•';
}
