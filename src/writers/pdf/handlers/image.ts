import type { Image, ImageReference } from 'mdast';
import { el, type PdfChild } from '../element.js';
import { printedSize } from '../image-size.js';
import { requestedWidth } from '../../../plugins/html-nodes.js';
import { labelsFor } from '../../../plugins/labels.js';
import type { State } from '../state.js';

/**
 * An image as a block: at its natural size (or the width its `<img>` asked for),
 * scaled down to the text width and to three quarters of the text height. A figure
 * (an image alone in its paragraph) is captioned with its `<figcaption>`, its
 * title, or else its alt text, as Pandoc does, after its number ("Figure 3.") when
 * the theme numbers figures.
 */
export function imageBlock(state: State, node: Image, figure: boolean, number?: number): PdfChild[] {
  const key = node.data?.asset;
  const asset = key === undefined ? undefined : state.book.assets.get(key);
  const text = figure ? node.data?.caption || node.title || node.alt || '' : '';
  const label =
    number === undefined ? [] : [el('Text', ['figureLabel'], [`${labelsFor(state.book.meta.lang).figure} ${number}.`])];
  const caption: PdfChild[] =
    label.length > 0 && text ? [...label, ` ${text}`] : label.length > 0 ? label : text ? [text] : [];
  if (!key || !asset) return node.alt ? [el('Text', ['paragraph'], [node.alt])] : [];
  const size = printedSize(
    asset,
    { width: state.textWidth, height: state.textHeight },
    requestedWidth(node.data, asset),
  );
  return [
    el(
      'View',
      ['figure'],
      [
        el('Image', ['image'], [], { src: key }, size),
        ...(caption.length > 0 ? [el('Text', ['caption'], caption)] : []),
      ],
      { wrap: false },
    ),
  ];
}

/**
 * An image met inside text (in a link with words, in emphasis, in a table cell or a
 * heading): react-pdf cannot draw a picture inside a line, so its alt text stands
 * in for it. The print checks (image-placement.ts) tell the user; the EPUB shows the image.
 */
export function inlineImage(_state: State, node: Image | ImageReference): PdfChild[] {
  return node.alt ? [node.alt] : [];
}
