import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { maxBookBytes, maxSourceBytes } from './limits.js';

/**
 * Read a text source (chapter, book.yaml) into a VFile. Invalid UTF-8 is an error
 * at the line and column of the first bad byte; a UTF-8 BOM is dropped so positions
 * match what an editor shows. A file over `maxSourceBytes` is an error found from
 * its size before it is read (the file is then empty). Rejects only when the file
 * cannot be read at all, or is not a regular file.
 */
export async function readSource(filePath: string): Promise<VFile> {
  const file = new VFile({ path: filePath });
  const info = await stat(filePath);
  // A FIFO or a device has no size to check, and reading one may never end.
  if (!info.isFile()) throw new Error(`not a regular file: ${filePath}`);
  if (info.size > maxSourceBytes) {
    file.value = '';
    report(file, {
      reason: `File is ${megabytes(info.size)}, over the ${megabytes(maxSourceBytes)} Octavo reads from one file`,
      ruleId: 'source-too-large',
      hint:
        path.basename(filePath) === 'book.yaml'
          ? 'book.yaml holds a book’s metadata, a few lines: check that it is the right file'
          : 'split it into chapters; a long novel is about 1 MB of Markdown',
      severity: 'error',
    });
    return file;
  }
  const bytes = await readFile(filePath);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    file.value = '';
    report(file, {
      reason: 'File is UTF-16, not UTF-8',
      ruleId: 'text-encoding',
      place: { line: 1, column: 1 },
      hint: 'save the file as UTF-8 (most editors offer it under “Save with encoding”)',
      severity: 'error',
    });
    return file;
  }
  try {
    file.value = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const lines = before.split('\n');
    file.value = lossy;
    report(file, {
      reason: 'File is not valid UTF-8',
      ruleId: 'text-encoding',
      place: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 },
      hint: 'save the file as UTF-8; this byte sequence looks like another encoding (Latin-1, Windows-1252?)',
      severity: 'error',
    });
  }
  return file;
}

/**
 * The first of a book's chapter files that takes the book past `maxBookBytes`,
 * from their sizes alone: a book too large is refused before any of it is read.
 * A file that cannot be found counts nothing here (it is reported when it is read).
 */
export async function firstOverBook(paths: readonly string[]): Promise<{ index: number; total: number } | undefined> {
  let total = 0;
  for (const [index, file] of paths.entries()) {
    total += await stat(file).then(
      (info) => (info.isFile() ? info.size : 0),
      () => 0,
    );
    if (total > maxBookBytes) return { index, total };
  }
  return undefined;
}

/** A size as people read it: `21 MB`, `20.5 MB`. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
