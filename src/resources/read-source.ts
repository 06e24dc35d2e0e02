import { stat } from 'node:fs/promises';
import { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { maxBookBytes, maxSourceBytes } from './limits.js';
import { formatBytes, readLimited } from './read-file.js';

/**
 * Characters that have no place in a book's text and that neither output can
 * carry: C0 and C1 controls but tab and line feed (XML 1.0 forbids most of them,
 * a terminal obeys them when a message quotes them), U+FFFE and U+FFFF (not
 * characters), and surrogates that are not part of a pair.
 */
export const controlCharacters =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `U+0007`: how a message names a character nobody can see. */
export function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface ReadSourceOptions {
  /** Largest file read, in bytes; default {@link maxSourceBytes}. */
  maxBytes?: number;
  /** What the file is, for the message about its size; default `chapter`. */
  what?: string;
}

/**
 * Read a text source (chapter, book.yaml) into a VFile whose positions are the
 * ones an editor shows: a UTF-8 BOM is dropped and CRLF or lone CR line endings
 * become LF. Invalid UTF-8 is an error at the line and column of the first bad
 * byte, UTF-16 and UTF-32 are named, a file over the size limit is an error
 * before a byte is read, and control characters are removed with a warning at
 * the first one. Rejects only when the file cannot be read at all (missing, not
 * a regular file, no permission).
 */
export async function readSource(filePath: string, options: ReadSourceOptions = {}): Promise<VFile> {
  const limit = options.maxBytes ?? maxSourceBytes;
  const read = await readLimited(filePath, limit);
  const file = new VFile({ path: filePath, value: '' });
  if (!read.ok) {
    if (read.failure.kind !== 'too-large') throw new Error(`cannot read ${filePath}: ${read.failure.kind}`);
    report(file, {
      reason: `File too large: ${formatBytes(read.failure.size)} (the limit for a ${options.what ?? 'chapter'} is ${formatBytes(limit)})`,
      ruleId: 'file-too-large',
      hint:
        options.what === 'book.yaml'
          ? 'book.yaml holds only the book’s metadata; the text goes in the chapters'
          : 'split it into several chapters, and keep pictures in image files',
      severity: 'error',
    });
    return file;
  }
  const bytes = read.bytes;
  const wide = wideEncoding(bytes);
  if (wide) {
    report(file, {
      reason: `File is ${wide}, not UTF-8`,
      ruleId: 'text-encoding',
      place: { line: 1, column: 1 },
      hint: 'save the file as UTF-8 (most editors offer it under “Save with encoding”)',
      severity: 'error',
    });
    return file;
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = normalize(new TextDecoder('utf-8').decode(bytes.subarray(0, bad)));
    const lines = before.split('\n');
    report(file, {
      reason: `File is not valid UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`,
      ruleId: 'text-encoding',
      place: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 },
      hint: 'save the file as UTF-8; this byte sequence looks like another encoding (Latin-1, Windows-1252?)',
      severity: 'error',
    });
    return file;
  }
  file.value = stripControls(file, normalize(new TextDecoder('utf-8').decode(bytes)));
  return file;
}

/** LF for every line ending, so every line and column counts as the editor shows it. */
function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Remove control characters, with one warning at the first of them. */
function stripControls(file: VFile, text: string): string {
  const found = [...text.matchAll(controlCharacters)];
  const first = found[0];
  if (!first) return text;
  const lines = text.slice(0, first.index).split('\n');
  const more = found.length - 1;
  report(file, {
    reason: `Control character ${codePoint(first[0])} removed${more > 0 ? ` (and ${more} more in the file)` : ''}`,
    ruleId: 'text-control-character',
    place: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 },
    hint: 'such characters are invisible and neither a PDF nor an EPUB can hold them; delete them or retype the line',
    severity: 'warning',
  });
  return text.replace(controlCharacters, '');
}

/**
 * UTF-16 or UTF-32, by its byte order mark, or for UTF-16 without one by the
 * zero bytes that every ASCII character brings along.
 */
function wideEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32';
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'UTF-16';
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  return even > half * 0.4 || odd > half * 0.4 ? 'UTF-16 (without a byte order mark)' : undefined;
}

/**
 * The offset of the first byte that is not part of a well-formed UTF-8
 * sequence (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing
 * past U+10FFFF), or undefined when every byte is.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return undefined;
}

/**
 * The first of a book's chapter files that takes the book past `maxBookBytes`,
 * from their sizes alone: a book too large is refused before any of it is read.
 * An undefined path (a chapter already refused) or a file that cannot be found counts nothing.
 */
export async function firstOverBook(
  paths: readonly (string | undefined)[],
): Promise<{ index: number; total: number } | undefined> {
  let total = 0;
  for (const [index, file] of paths.entries()) {
    if (file === undefined) continue;
    total += await stat(file).then(
      (info) => (info.isFile() ? info.size : 0),
      () => 0,
    );
    if (total > maxBookBytes) return { index, total };
  }
  return undefined;
}
