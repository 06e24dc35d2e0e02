import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * Read a text source (chapter, book.yaml) into a VFile. Invalid UTF-8 is an error
 * at the line and column of the first bad byte; a UTF-8 BOM is dropped so positions
 * match what an editor shows. Rejects only when the file cannot be read at all.
 */
export async function readSource(filePath: string): Promise<VFile> {
  const bytes = await readFile(filePath);
  const file = new VFile({ path: filePath });
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
