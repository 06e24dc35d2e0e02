import type { Delete, Emphasis, InlineCode, Strong, Text } from 'mdast';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/** Text is drawn as is: smart punctuation was applied when the book was read. */
export function text(_state: State, node: Text): PdfChild[] {
  return [node.value];
}

export function emphasis(state: State, node: Emphasis): PdfChild[] {
  return [el('Text', ['emphasis'], state.all(node))];
}

export function strong(state: State, node: Strong): PdfChild[] {
  return [el('Text', ['strong'], state.all(node))];
}

export function strikethrough(state: State, node: Delete): PdfChild[] {
  return [el('Text', ['delete'], state.all(node))];
}

/** Code is never hyphenated: a hyphen inside an identifier changes its meaning. */
export function inlineCode(_state: State, node: InlineCode): PdfChild[] {
  return [el('Text', ['inlineCode'], [node.value], { noHyphens: true })];
}

/** A hard break inside a paragraph. */
export function hardBreak(): PdfChild[] {
  return ['\n'];
}
