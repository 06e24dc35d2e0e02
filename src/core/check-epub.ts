import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EpubCheck, type ValidationMessage } from '@likecoin/epubcheck-ts';
import { VFile } from 'vfile';
import { hasErrors, report } from '../types/messages.js';

export interface CheckEpubResult {
  /** No error (EPUBCheck's warnings do not fail an EPUB). */
  ok: boolean;
  /** The .epub first, then one file per entry with messages (`book.epub/OEBPS/ch01.xhtml`). */
  files: VFile[];
}

/**
 * Validate an EPUB with the EPUBCheck rules, in process (a TypeScript port: no
 * Java). Each message is put on the entry it is about, at its line, so it prints
 * as `book.epub/OEBPS/ch01.xhtml:12:5: error: RSC-007 …` like a manuscript's.
 */
export async function checkEpub(file: string): Promise<CheckEpubResult> {
  const epub = new VFile({ path: file });
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    report(epub, {
      reason: error.code === 'ENOENT' ? 'File not found' : `Cannot read the file: ${error.message}`,
      ruleId: 'input-missing',
      hint: error.code === 'ENOENT' ? 'check the path to the .epub' : 'give the path of an .epub file you can read',
      severity: 'error',
    });
    return undefined;
  });
  if (!bytes) return { ok: false, files: [epub] };
  const entries = new Map<string, VFile>();
  const fileFor = (entry: string | undefined): VFile => {
    // EPUBCheck names the container itself by its own name, or by nothing.
    if (!entry || entry === path.basename(file)) return epub;
    let vfile = entries.get(entry);
    if (!vfile) entries.set(entry, (vfile = new VFile({ path: path.join(file, entry) })));
    return vfile;
  };
  let messages: ValidationMessage[];
  try {
    messages = (await EpubCheck.validate(new Uint8Array(bytes), { includeInfo: false, includeUsage: false })).messages;
  } catch (error) {
    report(epub, {
      reason: `EPUBCheck could not read the file: ${error instanceof Error ? error.message : String(error)}`,
      ruleId: 'epub-invalid',
      hint: 'an EPUB is a zip file whose first entry is `mimetype`; rebuild it',
      severity: 'error',
    });
    return { ok: false, files: [epub] };
  }
  for (const message of messages) {
    if (message.severity !== 'fatal' && message.severity !== 'error' && message.severity !== 'warning') continue;
    const { line, column } = message.location ?? {};
    const target = fileFor(message.location?.path);
    const entry = target === epub ? undefined : message.location?.path;
    report(target, {
      // Some messages are several parser lines; one message is one line of output.
      reason: `${message.id}: ${message.message.trim().replace(/\s*\n\s*/g, '; ')}`,
      ruleId: 'epub-invalid',
      place:
        line !== undefined && line > 0 ? { line, column: column !== undefined && column > 0 ? column : 1 } : undefined,
      hint:
        message.suggestion ??
        `${entry ? `fix ${entry} in the EPUB (a zip file), or the source it was made from` : 'rebuild the EPUB from its source'}; if Octavo built it, please report it with the manuscript`,
      severity: message.severity === 'warning' ? 'warning' : 'error',
    });
  }
  const files = [epub, ...entries.values()];
  return { ok: !hasErrors(files), files };
}
