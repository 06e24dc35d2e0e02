import { crc32 } from 'node:zlib';

/**
 * Why an image's bytes are not a whole PNG or JPEG file, or undefined when they
 * are. Reading the header is not enough: react-pdf drops a truncated or damaged
 * image with a console warning and renders the page without it. This walks the
 * file's structure (no pixel is decoded): PNG chunks with their checksums up to
 * IEND, JPEG segments up to the end-of-image marker.
 */
export function imageDamage(bytes: Uint8Array, mediaType: 'image/png' | 'image/jpeg'): string | undefined {
  return mediaType === 'image/png' ? pngDamage(bytes) : jpegDamage(bytes);
}

function pngDamage(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let first = true;
  let sawData = false;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) return `the ${type} chunk is cut off (the file is truncated)`;
    if (first && type !== 'IHDR') return 'it does not start with an IHDR chunk';
    const stored = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== stored) return `the ${type} chunk is damaged`;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData ? undefined : 'it has no image data';
    first = false;
    offset = end;
  }
  return 'it ends before its IEND chunk (the file is truncated)';
}

function jpegDamage(bytes: Uint8Array): string | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return 'its segments are damaged';
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      offset += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (marker === 0xda) {
      // Entropy-coded data follows the scan header; the file must still end with EOI.
      let last = bytes.length;
      while (last > 0 && bytes[last - 1] === 0) last--;
      return bytes[last - 2] === 0xff && bytes[last - 1] === 0xd9
        ? undefined
        : 'it ends before its last marker (the file is truncated)';
    }
    offset += 2 + length;
  }
  return 'it ends before its image data (the file is truncated)';
}
