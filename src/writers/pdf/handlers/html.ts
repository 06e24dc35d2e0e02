import type { Html, Parents } from 'mdast';
import { el, type PdfChild } from '../element.js';
import { htmlText } from '../../../plugins/html-text.js';
import type { State } from '../state.js';

/**
 * Raw HTML from a manuscript became Markdown nodes when the book was read
 * (remark-raw-html); an html node in a tree made otherwise is never interpreted:
 * keep its text, as a paragraph when it stood alone as a block.
 */
export function html(_state: State, node: Html, parent: Parents | undefined): PdfChild[] {
  const textContent = htmlText(node.value).trim();
  if (textContent === '') return [];
  return parent?.type === 'paragraph' || isPhrasingParent(parent)
    ? [textContent]
    : [el('Text', ['paragraph'], [textContent])];
}

function isPhrasingParent(parent: Parents | undefined): boolean {
  return (
    parent !== undefined &&
    ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'heading', 'tableCell'].includes(parent.type)
  );
}
