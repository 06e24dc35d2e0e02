import type { PaperSize } from './paper.js';
import type { Tokens } from './tokens.js';

/** The smallest text block worth printing, in points (two inches each way). */
const smallestBlock = 144;

/**
 * The theme set on another page size: the margins scale with the page (never
 * up), and a booklet page gets its narrower margin on both sides, since its
 * outer edge alternates between left and right as the sheets fold; it is
 * printed two-sided.
 */
export function onPaper(tokens: Tokens, size: PaperSize, options: { booklet?: boolean } = {}): Tokens {
  const [width, height] = tokens.page.size;
  const scale = Math.min(1, size[0] / width, size[1] / height);
  const { top, bottom, inner, outer } = tokens.page.margin;
  const side = options.booklet ? Math.min(inner, outer) : undefined;
  const margin = {
    top: top * scale,
    bottom: bottom * scale,
    inner: (side ?? inner) * scale,
    outer: (side ?? outer) * scale,
  };
  const layout = options.booklet ? { ...tokens.layout, twoSided: true } : tokens.layout;
  return { ...tokens, layout, page: { size: [...size], margin } };
}

/** Why the page of `tokens` leaves no room for text, or undefined when it is fine. */
export function tooSmall(tokens: Tokens): string | undefined {
  const [width, height] = tokens.page.size;
  const { top, bottom, inner, outer } = tokens.page.margin;
  const blockWidth = width - inner - outer;
  const blockHeight = height - top - bottom;
  if (blockWidth >= smallestBlock && blockHeight >= smallestBlock) return undefined;
  const inches = (w: number, h: number): string =>
    `${round(w / 72)} × ${round(h / 72)} in (${Math.round((w / 72) * 25.4)} × ${Math.round((h / 72) * 25.4)} mm)`;
  return `the page, ${inches(width, height)}, leaves ${inches(Math.max(0, blockWidth), Math.max(0, blockHeight))} for text inside its margins; at least ${inches(smallestBlock, smallestBlock)} is needed`;
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
