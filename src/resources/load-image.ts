import { imageSize } from 'image-size';
import type { Asset } from '../types/book.js';
import { imageDamage } from './image-integrity.js';
import { readLimited } from './read-file.js';

/** Largest image file read, in bytes. */
export const maxImageBytes = 50 * 1024 * 1024;
/**
 * Largest image decoded, in pixels, read from the header before any pixel is.
 * react-pdf decodes a PNG with transparency (or interlaced, or 16-bit) whole, outside
 * the JavaScript heap that --max-memory limits: about 16 MB and 0.13 s a megapixel,
 * twice that at 16 bits, so one image at the cap takes 1 to 1.6 GB and 7 to 13 s,
 * well inside a build's default budgets (RGB PNGs and JPEGs are copied, not decoded).
 * A 50-megapixel camera's photos still fit.
 */
export const maxImagePixels = 50_000_000;

export type LoadedImage = { ok: true; asset: Asset } | { ok: false; reason: string; hint: string };

/**
 * Read an image the resolver has approved (`name` is its path in the book), check
 * that its bytes are a PNG or JPEG (by magic bytes, not by name) and read its size
 * from the header.
 */
export async function loadImage(absolutePath: string, name: string): Promise<LoadedImage> {
  const read = await readLimited(absolutePath, maxImageBytes);
  if (!read.ok) {
    return read.failure.kind === 'too-large'
      ? {
          ok: false,
          reason: `Image too large: ${name} (${Math.round(read.failure.size / 1e6)} MB)`,
          hint: 'use an image under 50 MB',
        }
      : { ok: false, reason: `Image cannot be read: ${name}`, hint: 'check that it is a plain file you may read' };
  }
  return imageFromBytes(read.bytes, name);
}

/**
 * The checks every image passes, wherever its bytes came from (a file in the book,
 * or a URL under --allow-remote): PNG or JPEG by magic bytes, whole, with a size.
 */
export function imageFromBytes(bytes: Uint8Array, name: string): LoadedImage {
  if (bytes.length === 0)
    return { ok: false, reason: `Image is empty: ${name} (0 bytes)`, hint: 'export or copy the image again' };
  const mediaType = sniff(bytes);
  if (!mediaType) {
    const guess = describe(bytes);
    return {
      ok: false,
      reason: `Unsupported image format: ${name}${guess ? ` is ${guess}` : ' is not a PNG or JPEG file'}`,
      hint: 'convert the image to PNG or JPEG',
    };
  }
  const damage = imageDamage(bytes, mediaType);
  if (damage) {
    return {
      ok: false,
      reason: `Corrupt image: ${name}: ${damage}`,
      hint: 'open and re-save the image in an image editor, or export it again',
    };
  }
  let dimensions: { width?: number; height?: number };
  try {
    dimensions = imageSize(bytes);
  } catch {
    return { ok: false, reason: `Corrupt image: ${name}`, hint: 'open and re-save the image in an image editor' };
  }
  const width = dimensions.width ?? 0;
  const height = dimensions.height ?? 0;
  if (width === 0 || height === 0) {
    return {
      ok: false,
      reason: `Corrupt image: ${name} has no size`,
      hint: 'open and re-save the image in an image editor',
    };
  }
  if (width * height > maxImagePixels) {
    return {
      ok: false,
      reason: `Image too large: ${name} is ${width}×${height} pixels, over the ${maxImagePixels / 1e6} megapixels Octavo decodes`,
      hint: 'scale it down; 300 dpi at the text width needs about 2000 pixels across',
    };
  }
  return { ok: true, asset: { path: name, bytes, mediaType, width, height } };
}

/** The image type the first bytes announce, whatever the name or the server says. */
export function sniff(bytes: Uint8Array): Asset['mediaType'] | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

function describe(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  if (head.startsWith('GIF8')) return 'a GIF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP';
  if (/<svg[\s>]/i.test(head)) return 'an SVG';
  return undefined;
}
