import type { Asset, Book } from '../../types/book.js';
import type { PdfChild } from './element.js';

/** What react-pdf draws: PNG and JPEG bytes. */
export interface PrintImage {
  data: Buffer;
  format: 'png' | 'jpg';
}

/** Pixels per inch a drawing (SVG) is rasterised at for print, at the widest it is placed. */
export const svgPrintDpi = 300;

/**
 * Every image of the element tree as react-pdf can draw it. PNG and JPEG go as
 * they are; a GIF or WebP becomes a PNG of its first frame; an SVG (already held
 * to the allow-list when it was loaded) is rasterised to a PNG at 300 dpi at the
 * widest it is placed in the tree. The conversions are kept on the book, since a
 * PDF is rendered again while cross-reference page numbers settle.
 */
export async function printImages(tree: PdfChild, book: Book): Promise<Map<string, PrintImage>> {
  const widths = new Map<string, number>();
  const walk = (child: PdfChild): void => {
    if (typeof child === 'string') return;
    const src = child.props?.src;
    if (child.type === 'Image' && typeof src === 'string') {
      const width = typeof child.css?.width === 'number' ? child.css.width : 0;
      widths.set(src, Math.max(widths.get(src) ?? 0, width));
    }
    child.children?.forEach(walk);
  };
  walk(tree);
  const out = new Map<string, PrintImage>();
  for (const [key, width] of widths) {
    const asset = book.assets.get(key);
    if (asset) out.set(key, await printImage(asset, width));
  }
  return out;
}

const converted = new WeakMap<Asset, Map<number, Promise<PrintImage>>>();

function printImage(asset: Asset, widthPoints: number): Promise<PrintImage> {
  if (asset.mediaType === 'image/png') return Promise.resolve({ data: Buffer.from(asset.bytes), format: 'png' });
  if (asset.mediaType === 'image/jpeg') return Promise.resolve({ data: Buffer.from(asset.bytes), format: 'jpg' });
  const pixels = asset.mediaType === 'image/svg+xml' ? Math.max(1, Math.ceil((widthPoints / 72) * svgPrintDpi)) : 0;
  const byWidth = converted.get(asset) ?? new Map<number, Promise<PrintImage>>();
  converted.set(asset, byWidth);
  const done = byWidth.get(pixels) ?? toPng(asset, pixels);
  byWidth.set(pixels, done);
  return done;
}

async function toPng(asset: Asset, pixels: number): Promise<PrintImage> {
  const { default: sharp } = await import('sharp');
  // librsvg draws an SVG at 72 dpi by default: a density scales it to the pixels wanted, drawn sharp, not enlarged after.
  const input =
    asset.mediaType === 'image/svg+xml'
      ? sharp(asset.bytes, { density: Math.min(72 * 50, Math.max(1, (72 * pixels) / asset.width)) }).resize(pixels)
      : sharp(asset.bytes).rotate();
  const data = await input.png({ compressionLevel: 9 }).toBuffer();
  return { data, format: 'png' };
}
