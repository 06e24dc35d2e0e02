import type { VFile } from 'vfile';
import { hasErrors } from '../types/messages.js';
import { checkPrint } from '../writers/pdf/print-checks.js';
import { designFor } from './build.js';
import { loadBook } from './load-book.js';

export interface CheckOptions {
  /** Warnings make the check fail too. Default false. */
  strict?: boolean;
  /** Fetch image URLs, as `BuildOptions.allowRemote`. Default false: no network. */
  allowRemote?: boolean;
  /** Called before each chapter is read, as in `loadBook`. Default: nothing is told. */
  onChapter?: (done: number, total: number, file: string) => void;
}

export interface CheckResult {
  ok: boolean;
  /** Every file that carries messages (book.yaml first, then chapters). */
  files: VFile[];
}

/**
 * Lint a manuscript: every rule `octavo build` applies, and nothing rendered or
 * written. Loading runs the manuscript rules (links, headings, images, notes,
 * paragraphs, HTML); the print rules are the ones the PDF writer runs, with the
 * book's own theme, style and paper, so a check reports what a default build would.
 * Unlike a build, a check goes on past errors, to show every problem at once.
 */
export async function checkBook(input: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { book, files } = await loadBook(input, {
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    ...(options.allowRemote ? { remote: {} } : {}),
    ...(options.onChapter ? { onChapter: options.onChapter } : {}),
  });
  if (book) checkPrint(book, designFor(book).tokens);
  const failed = hasErrors(files) || (options.strict === true && files.some((file) => file.messages.length > 0));
  return { ok: book !== undefined && !failed, files };
}
