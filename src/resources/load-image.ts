import { imageSize } from 'image-size';
import type { Asset } from '../types/book.js';
import { imageDamage } from './image-integrity.js';
import { readLimited } from './read-file.js';
import { sanitizeSvg } from './svg-sanitize.js';

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

/** Something the user should know about an image that loaded: what its SVG lost, or that only its first frame prints. */
export interface ImageNote {
  reason: string;
  hint: string;
  ruleId: 'html-removed' | 'image-animated';
}

export type LoadedImage = { ok: true; asset: Asset; notes?: ImageNote[] } | { ok: false; reason: string; hint: string };

/**
 * Read an image the resolver has approved (`name` is its path in the book), check
 * that its bytes are a PNG, JPEG, GIF, WebP or SVG (by its bytes, not by name) and
 * read its size from the header.
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
 * or a URL under --allow-remote): a format Octavo takes, by its bytes, whole, with
 * a size. An SVG is kept only as sanitizeSvg rewrote it; an animated GIF or WebP
 * is noted, since print shows its first frame.
 */
export function imageFromBytes(bytes: Uint8Array, name: string): LoadedImage {
  if (bytes.length === 0)
    return { ok: false, reason: `Image is empty: ${name} (0 bytes)`, hint: 'export or copy the image again' };
  const mediaType = sniff(bytes);
  if (!mediaType) {
    const guess = describe(bytes);
    return {
      ok: false,
      reason: `Unsupported image format: ${name}${guess ? ` is ${guess}` : ' is not a PNG, JPEG, GIF, WebP or SVG file'}`,
      hint: 'convert the image to PNG or JPEG',
    };
  }
  if (mediaType === 'image/svg+xml') return svgImage(bytes, name);
  const structure =
    mediaType === 'image/gif'
      ? gifStructure(bytes)
      : mediaType === 'image/webp'
        ? webpStructure(bytes)
        : { damage: imageDamage(bytes, mediaType), frames: 1 };
  if (structure.damage) {
    return {
      ok: false,
      reason: `Corrupt image: ${name}: ${structure.damage}`,
      hint: 'open and re-save the image in an image editor, or export it again',
    };
  }
  const sized = sizeOf(bytes, name);
  if (!sized.ok) return sized;
  const { width, height } = sized;
  if (width * height > maxImagePixels) {
    return {
      ok: false,
      reason: `Image too large: ${name} is ${width}×${height} pixels, over the ${maxImagePixels / 1e6} megapixels Octavo decodes`,
      hint: 'scale it down; 300 dpi at the text width needs about 2000 pixels across',
    };
  }
  const notes: ImageNote[] =
    structure.frames > 1
      ? [
          {
            reason: `Animated image: ${name} has ${structure.frames === Infinity ? 'several' : structure.frames} frames; the PDF prints the first`,
            hint: 'export the frame you want printed as a PNG, if it is not the first',
            ruleId: 'image-animated',
          },
        ]
      : [];
  return { ok: true, asset: { path: name, bytes, mediaType, width, height }, ...(notes.length > 0 ? { notes } : {}) };
}

function sizeOf(
  bytes: Uint8Array,
  name: string,
): { ok: true; width: number; height: number } | { ok: false; reason: string; hint: string } {
  let dimensions: { width?: number; height?: number };
  try {
    dimensions = imageSize(bytes);
  } catch {
    return { ok: false, reason: `Corrupt image: ${name}`, hint: 'open and re-save the image in an image editor' };
  }
  const width = Math.round(dimensions.width ?? 0);
  const height = Math.round(dimensions.height ?? 0);
  if (width === 0 || height === 0) {
    return {
      ok: false,
      reason: `Corrupt image: ${name} has no size`,
      hint: 'open and re-save the image in an image editor; an SVG needs a width and height, or a viewBox',
    };
  }
  return { ok: true, width, height };
}

/** An SVG as sanitizeSvg rewrote it, with a note of each thing it took out. */
function svgImage(bytes: Uint8Array, name: string): LoadedImage {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: `Corrupt image: ${name} is not UTF-8 text`, hint: 'save the SVG as UTF-8' };
  }
  const clean = sanitizeSvg(source);
  if (!clean) return { ok: false, reason: `Corrupt image: ${name} has no <svg> element`, hint: 'export the SVG again' };
  const out = new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${clean.svg}\n`);
  const sized = sizeOf(out, name);
  if (!sized.ok) return sized;
  const notes = clean.removed.map((what): ImageNote => ({
    reason: `Removed from the SVG image ${name}: ${what}`,
    hint: 'an image in a book is a picture only: nothing in it may run, or load another file or URL',
    ruleId: 'html-removed',
  }));
  return {
    ok: true,
    asset: { path: name, bytes: out, mediaType: 'image/svg+xml', width: sized.width, height: sized.height },
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * A GIF walked block by block to its trailer (no pixel decoded): damaged or cut
 * short, or whole with its count of frames.
 */
function gifStructure(bytes: Uint8Array): { damage?: string; frames: number } {
  const table = (flags: number): number => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  let offset = 13 + table(bytes[10] ?? 0);
  let frames = 0;
  const skipBlocks = (): boolean => {
    for (;;) {
      const size = bytes[offset];
      if (size === undefined) return false;
      offset += 1 + size;
      if (size === 0) return true;
    }
  };
  for (;;) {
    const kind = bytes[offset];
    if (kind === undefined) return { damage: 'it ends before its trailer (the file is truncated)', frames };
    if (kind === 0x3b) return frames > 0 ? { frames } : { damage: 'it has no image data', frames };
    if (kind === 0x21) {
      offset += 2;
    } else if (kind === 0x2c) {
      frames++;
      offset += 10 + table(bytes[offset + 9] ?? 0) + 1;
    } else return { damage: 'its blocks are damaged', frames };
    if (!skipBlocks()) return { damage: 'it ends before its trailer (the file is truncated)', frames };
  }
}

/** A WebP's RIFF chunks walked to the length its header gives; an animated one counts as several frames. */
function webpStructure(bytes: Uint8Array): { damage?: string; frames: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 20) return { damage: 'it is cut off (the file is truncated)', frames: 0 };
  const end = 8 + view.getUint32(4, true);
  if (end > bytes.length) return { damage: 'it is shorter than its header says (the file is truncated)', frames: 0 };
  let offset = 12;
  while (offset + 8 <= end) {
    const size = view.getUint32(offset + 4, true);
    offset += 8 + size + (size & 1);
  }
  if (offset !== end) return { damage: 'its chunks are damaged', frames: 0 };
  const extended = String.fromCharCode(...bytes.subarray(12, 16)) === 'VP8X';
  const animated = extended && ((bytes[20] ?? 0) & 0x02) !== 0;
  return { frames: animated ? Infinity : 1 };
}

/** The image type the first bytes announce, whatever the name or the server says. */
export function sniff(bytes: Uint8Array): Asset['mediaType'] | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  if (svgStart.test(head)) return 'image/svg+xml';
  return undefined;
}

/** An SVG file's start: an optional byte order mark, processing instructions, comments and a doctype, then `<svg`. */
const svgStart =
  /^(\xef\xbb\xbf)?\s*((<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>]/;
/^(\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/;

function describe(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  if (head.startsWith('BM')) return 'a BMP';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF';
  if (/^....ftyp(heic|heix|mif1|avif)/s.test(head)) return 'a HEIF or AVIF';
  if (head.startsWith('%PDF')) return 'a PDF';
  if (/<svg[\s>]/i.test(head)) return 'an HTML page with an SVG in it';
  return undefined;
}
