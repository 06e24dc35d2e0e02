import type { Image, ImageReference } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Asset, Book } from '../../types/book.js';
import { report } from '../../types/messages.js';

/**
 * What e-reader stores accept without complaint: images up to 5 MB and 4
 * megapixels (KDP and Apple's limits), a book up to 50 MB (KDP's delivery fee
 * and Kindle's e-mail service both draw the line near there).
 */
export const budget = { imageBytes: 5 * 1024 * 1024, imagePixels: 4_000_000, epubBytes: 50 * 1024 * 1024 } as const;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const megapixels = (asset: Asset): string => `${((asset.width * asset.height) / 1e6).toFixed(1)} megapixels`;

/**
 * The images as the EPUB carries them, by asset key. With `downscale`, one over
 * the pixel budget is scaled down to it (upright, in its own format); the PDF
 * still prints the original. An image left over the budget is a warning where it
 * is first used (the cover: on book.yaml).
 */
export async function imagesForEpub(book: Book, downscale: boolean): Promise<Map<string, Asset>> {
  const firstUse = new Map<string, { file: VFile; node: Image | ImageReference }>();
  for (const chapter of book.chapters) {
    visit(chapter.tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const key = node.data?.asset;
      if (key !== undefined && !firstUse.has(key)) firstUse.set(key, { file: chapter.file, node });
    });
  }
  const out = new Map<string, Asset>();
  for (const [key, use] of firstUse) {
    const asset = book.assets.get(key);
    if (!asset) continue;
    const carried = asset.mediaType === 'image/webp' ? await asPng(asset) : asset;
    const fitted = downscale ? await scaledDown(carried) : carried;
    out.set(key, fitted);
    overBudget(fitted, asset, use.file, use.node, downscale);
  }
  return out;
}

/** The cover as the EPUB carries it (see imagesForEpub). */
export async function coverForEpub(book: Book, cover: Asset, downscale: boolean): Promise<Asset> {
  const fitted = downscale ? await scaledDown(cover) : cover;
  overBudget(fitted, cover, book.metaFile, undefined, downscale);
  return fitted;
}

/** The EPUB itself over the size a store or an e-mail delivery takes: a warning on book.yaml. */
export function checkEpubSize(book: Book, bytes: number): void {
  if (bytes <= budget.epubBytes) return;
  report(book.metaFile, {
    reason: `The EPUB is ${megabytes(bytes)}, over the ${megabytes(budget.epubBytes)} that stores and Send to Kindle take`,
    ruleId: 'epub-large',
    hint: book.epub?.downscaleImages
      ? 'make the largest images smaller files (JPEG for photographs), or split the book'
      : 'set `epub: { downscaleImages: true }` in book.yaml, or make the largest images smaller files',
    severity: 'warning',
  });
}

function overBudget(
  asset: Asset,
  original: Asset,
  file: VFile,
  node: Image | ImageReference | undefined,
  downscaled: boolean,
): void {
  // A drawing's size is nominal: it has no pixels to count.
  const tooMany = asset.mediaType !== 'image/svg+xml' && asset.width * asset.height > budget.imagePixels;
  const tooBig = asset.bytes.byteLength > budget.imageBytes;
  if (!tooMany && !tooBig) return;
  const size = `${asset.width} × ${asset.height} px, ${megapixels(asset)}, ${megabytes(asset.bytes.byteLength)}`;
  const limit = [tooMany ? '4 megapixels' : '', tooBig ? '5 MB' : ''].filter(Boolean).join(' and ');
  report(file, {
    reason: `Image ${original.path} is too large for e-reader stores (${size}; the limit is ${limit})`,
    ruleId: 'image-large',
    ...(node ? { place: node } : {}),
    hint:
      downscaled || !tooMany
        ? 'export it as a smaller file (JPEG for a photograph); the PDF can keep the large one'
        : 'set `epub: { downscaleImages: true }` in book.yaml to scale it for the EPUB only, or export it smaller',
    severity: 'warning',
  });
}

/** `asset` at no more than the pixel budget, turned upright by its EXIF orientation; unchanged when it fits. */
async function scaledDown(asset: Asset): Promise<Asset> {
  if (asset.mediaType === 'image/svg+xml' || asset.width * asset.height <= budget.imagePixels) return asset;
  const { default: sharp } = await import('sharp');
  const scale = Math.sqrt(budget.imagePixels / (asset.width * asset.height));
  const width = Math.floor(asset.width * scale);
  const height = Math.floor(asset.height * scale);
  // The EPUB gets the image upright (rotate() reads EXIF); orientations 5–8 swap its sides.
  const { orientation = 1 } = await sharp(asset.bytes).metadata();
  const swapped = orientation >= 5;
  const resized = sharp(asset.bytes)
    .rotate()
    .resize(swapped ? height : width, swapped ? width : height, { fit: 'fill' });
  const encoded =
    asset.mediaType === 'image/jpeg'
      ? resized.jpeg({ quality: 85, mozjpeg: true })
      : resized.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  // A GIF scaled down is written as a PNG (its first frame), which every reader takes too.
  const mediaType = asset.mediaType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  return { ...asset, bytes: new Uint8Array(data), mediaType, width: info.width, height: info.height };
}

/**
 * A WebP as a PNG (its first frame): EPUB 3.2 and the EPUBCheck readers run do not
 * count WebP among the formats every reader must show, nor does Kindle's converter.
 */
async function asPng(asset: Asset): Promise<Asset> {
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(asset.bytes)
    .rotate()
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  return { ...asset, bytes: new Uint8Array(data), mediaType: 'image/png', width: info.width, height: info.height };
}
