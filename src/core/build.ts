import { stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { themes } from '../../styles/themes/index.js';
import type { Book } from '../types/book.js';
import { hasErrors, report } from '../types/messages.js';
import type { Format } from '../types/writer.js';
import { extensions, writers } from '../writers/registry.js';
import { loadBook } from './load-book.js';
import { writeOutputs } from './output.js';

export interface BuildOptions {
  /** A book folder (with book.yaml) or a single .md file. Default `manuscript`. */
  input?: string;
  /** Default: both. */
  formats?: readonly Format[];
  /** Default `dist`. */
  outDir?: string;
  /** Warnings fail the build too. Default false. */
  strict?: boolean;
  /** Default: `process.env.SOURCE_DATE_EPOCH`. */
  sourceDateEpoch?: string;
}

/** One output written. */
export interface BuiltOutput {
  format: Format;
  path: string;
  bytes: number;
  pages?: number;
  /** Milliseconds spent in the writer. */
  ms: number;
}

export interface BuildResult {
  ok: boolean;
  outputs: BuiltOutput[];
  /** Every file that carries messages (book.yaml first, then chapters). */
  files: VFile[];
  book?: Book;
}

/** Load the book, run each requested writer in memory, then write all outputs at once. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const formats = options.formats ?? ['pdf', 'epub'];
  const outDir = path.resolve(options.outDir ?? 'dist');
  const blocked = await blockedOutDir(outDir);
  if (blocked) return { ok: false, outputs: [], files: [blocked] };
  const loaded = await loadBook(options.input ?? 'manuscript', {
    sourceDateEpoch: options.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH,
  });
  const files = loaded.files;
  const failed = (): boolean =>
    hasErrors(files) || (options.strict === true && files.some((f) => f.messages.length > 0));
  const book = loaded.book;
  if (!book || failed()) return { ok: false, outputs: [], files, ...(book ? { book } : {}) };

  const tokens = themes.default;
  if (!tokens) throw new Error('The default theme is missing from styles/themes');
  const rendered: (BuiltOutput & { bytesOut: Uint8Array })[] = [];
  for (const format of formats) {
    const started = performance.now();
    try {
      const writer = await writers[format]();
      const result = await writer(book, { tokens });
      for (const warning of result.warnings ?? []) {
        report(book.metaFile, {
          reason: `The ${format.toUpperCase()} renderer warned: ${warning}`,
          ruleId: 'renderer-warning',
          hint: 'the output may lack what it names; please report it with the manuscript',
          severity: 'warning',
        });
      }
      rendered.push({
        format,
        path: path.join(outDir, slugify(book.meta.title) + extensions[format]),
        bytes: result.bytes.byteLength,
        bytesOut: result.bytes,
        ...(result.pages === undefined ? {} : { pages: result.pages }),
        ms: performance.now() - started,
      });
    } catch (error) {
      report(book.metaFile, {
        reason: `The ${format.toUpperCase()} writer failed: ${error instanceof Error ? error.message : String(error)}`,
        ruleId: 'output-failed',
        hint: 'this is a bug in Octavo; please report it with the manuscript that triggers it',
        severity: 'error',
      });
    }
  }
  if (failed()) return { ok: false, outputs: [], files, book };

  try {
    await writeOutputs(rendered.map((r) => ({ path: r.path, bytes: r.bytesOut })));
  } catch (error) {
    report(book.metaFile, {
      reason: `Could not write to ${path.relative(process.cwd(), outDir) || '.'}: ${error instanceof Error ? error.message : String(error)}`,
      ruleId: 'output-failed',
      hint: 'check that the output folder is writable and the disk is not full',
      severity: 'error',
    });
    return { ok: false, outputs: [], files, book };
  }
  const outputs = rendered.map(({ bytesOut: _bytes, ...output }) => output);
  return { ok: true, outputs, files, book };
}

/**
 * The out-dir must be a folder or creatable as one: a file in the way is reported
 * before any work is done, at the path the user gave.
 */
async function blockedOutDir(outDir: string): Promise<VFile | undefined> {
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory()) return undefined;
    if (info) {
      const file = new VFile({ path: dir });
      report(file, {
        reason:
          dir === outDir
            ? 'The output folder is a file'
            : `The output folder ${path.relative(process.cwd(), outDir)} would be inside a file`,
        ruleId: 'output-failed',
        hint: 'pass another --out-dir, or move the file away',
        severity: 'error',
      });
      return file;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Latin letters that do not decompose into a base letter and a mark. */
const letters: Record<string, string> = { ß: 'ss', ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', þ: 'th' };

/** A file name from a title: ASCII letters and digits joined by hyphens. */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßłđøæœþ]/g, (letter) => letters[letter] ?? letter);
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'book';
}
