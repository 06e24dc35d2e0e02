import type { Tokens } from '../../../styles/tokens.js';
import type { ImageWidth } from '../../plugins/html-policy.js';

/** CSS pixels to points: an image without print resolution is taken at 96 dpi. */
export const pointsPerPixel = 0.75;

/** The largest share of the text block's height one image may take. */
const heightShare = 0.75;

/** The page's text block in points: the width and height every image must fit in. */
export function textBlock(tokens: Tokens): { width: number; height: number } {
  const [pageWidth, pageHeight] = tokens.page.size;
  const margin = tokens.page.margin;
  return { width: pageWidth - margin.inner - margin.outer, height: pageHeight - margin.top - margin.bottom };
}

/**
 * The size a block image is printed at, in points: its natural size at 96 dpi, or
 * the width an `<img>` asked for (pixels at 96 per inch, or a share of the text
 * width), scaled down to the text width and to three quarters of the text
 * height. One function, so the image check measures what the PDF prints.
 */
export function printedSize(
  pixels: { width: number; height: number },
  block: { width: number; height: number },
  asked?: ImageWidth,
): { width: number; height: number } {
  const wanted =
    asked === undefined
      ? pixels.width * pointsPerPixel
      : asked.unit === '%'
        ? (block.width * asked.value) / 100
        : asked.value * pointsPerPixel;
  let width = Math.min(block.width, wanted);
  let height = (width * pixels.height) / pixels.width;
  const maxHeight = block.height * heightShare;
  if (height > maxHeight) [width, height] = [(maxHeight * pixels.width) / pixels.height, maxHeight];
  return { width: round(width), height: round(height) };
}

/**
 * The width, in points, an image of these proportions is printed at once it is
 * large enough to be scaled down: the text width, or less when the height limit binds.
 */
export function widestPrint(
  pixels: { width: number; height: number },
  block: { width: number; height: number },
): number {
  return round(Math.min(block.width, (block.height * heightShare * pixels.width) / pixels.height));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
