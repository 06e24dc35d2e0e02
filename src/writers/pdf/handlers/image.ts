import type { Image, ImageReference } from 'mdast';
import { report } from '../../../types/messages.js';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

/** CSS pixels to points: an image without print resolution is taken at 96 dpi. */
const pointsPerPixel = 0.75;

/**
 * An image as a block: at its natural size, scaled down to the text width and to
 * three quarters of the text height. A figure (an image alone in its paragraph) is
 * captioned with its title, or else its alt text, as Pandoc does.
 */
export function imageBlock(state: State, node: Image, figure: boolean): PdfChild[] {
  const key = node.data?.asset;
  const asset = key === undefined ? undefined : state.book.assets.get(key);
  const caption = figure ? node.title || node.alt || '' : '';
  if (!key || !asset) return node.alt ? [el('Text', ['paragraph'], [node.alt])] : [];
  let width = Math.min(state.textWidth, asset.width * pointsPerPixel);
  let height = (width * asset.height) / asset.width;
  const maxHeight = state.textHeight * 0.75;
  if (height > maxHeight) [width, height] = [(maxHeight * asset.width) / asset.height, maxHeight];
  const size = { width: round(width), height: round(height) };
  return [
    el(
      'View',
      ['figure'],
      [el('Image', ['image'], [], { src: key }, size), ...(caption ? [el('Text', ['caption'], [caption])] : [])],
      { wrap: false },
    ),
  ];
}

/**
 * An image met inside text (in a link with words, in emphasis, in a table cell or a
 * heading): react-pdf cannot draw a picture inside a line, so its alt text stands
 * in for it, and the user is told. The EPUB shows the image.
 */
export function inlineImage(state: State, node: Image | ImageReference): PdfChild[] {
  report(state.file, {
    reason: 'An image inside a line of text is shown as its alt text in the PDF',
    ruleId: 'image-inline',
    place: node,
    hint: 'give the image a paragraph of its own (a linked image alone in its paragraph works too)',
    severity: 'warning',
  });
  return node.alt ? [node.alt] : [];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
