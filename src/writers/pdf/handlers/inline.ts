import type { Delete, Emphasis, InlineCode, Strong, Text } from 'mdast';
import type { Keyboard, Subscript, Superscript } from '../../../plugins/html-nodes.js';
import { fontFamilies } from '../../../../styles/fonts.js';
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

/**
 * Raised and lowered text at 70% of the size around it (render.ts resolves
 * `relativeSize`, since a footnote's or a heading's size is not known here);
 * react-pdf shifts the baseline.
 */
export function superscript(state: State, node: Superscript): PdfChild[] {
  return [el('Text', ['superscript'], state.all(node), { relativeSize: scriptSize })];
}

export function subscript(state: State, node: Subscript): PdfChild[] {
  return [el('Text', ['subscript'], state.all(node), { relativeSize: scriptSize })];
}

const scriptSize = 0.7;

/**
 * A key to press: the face and shade of code, never hyphenated. react-pdf draws
 * no box around words, so a thin space of the text face (the code face has none)
 * widens the shade at each end, and keys read as keys beside code.
 */
export function keyboard(state: State, node: Keyboard): PdfChild[] {
  // A monospaced text face has no thin space either.
  const pads = fontFamilies[state.tokens.fonts.body]?.advance === undefined ? [el('Text', ['keyPad'], ['\u2009'])] : [];
  return [el('Text', ['keyboard'], [...pads, ...state.all(node), ...pads], { noHyphens: true })];
}
