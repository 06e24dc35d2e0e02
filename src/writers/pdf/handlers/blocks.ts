import type { Blockquote, Code } from 'mdast';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

export function blockquote(state: State, node: Blockquote): PdfChild[] {
  return [el('View', ['blockquote'], state.all(node))];
}

/**
 * A code block keeps every space: leading spaces become no-break spaces, which
 * react-pdf neither collapses nor breaks at. Long lines wrap at the remaining spaces.
 * Tabs are four spaces.
 */
export function code(_state: State, node: Code): PdfChild[] {
  const lines = node.value
    .replace(/\t/g, '    ')
    .split('\n')
    .map((line) => line.replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length)) || '\u00a0');
  // One Text per line: a "\n" inside a Text pulls in a non-embedded Helvetica (see lines.ts).
  return [
    el(
      'View',
      ['codeBlock'],
      lines.map((line) => el('Text', ['codeText'], [line], { noHyphens: true })),
    ),
  ];
}

export function thematicBreak(): PdfChild[] {
  return [el('View', ['thematicBreak'])];
}
