import type { Delete, Emphasis, InlineCode, Strong, Text } from 'mdast';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/**
 * Text is drawn as written (smart punctuation was applied when the book was read),
 * except that a line ending inside a paragraph is a space: only a hard break (a
 * trailing backslash or two spaces) ends a line in print, as in HTML.
 */
export function text(_state: State, node: Text): PdfChild[] {
  return [node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ')];
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
