import { readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { tooSmall } from '../../styles/page-geometry.js';
import { halfSheet, paperForLang, papers, type PaperSize } from '../../styles/paper.js';
import { resolveTokens, type StyleOverrides } from '../../styles/resolve.js';
import { themes } from '../../styles/themes/index.js';
import type { Tokens } from '../../styles/tokens.js';
import type { Book } from '../types/book.js';
import { hasErrors, report } from '../types/messages.js';
import type { Format, WriterOptions, WriterResult } from '../types/writer.js';
import { extensions, headStarts, writers } from '../writers/registry.js';
import { guessedEpub, lastPageList, rememberPageList } from './epub-guess.js';
import { loadBook } from './load-book.js';
import { OutputInterrupted, writeOutputs, writeProblem, type OutputFile } from './output.js';
import { folderLabel } from './report.js';
import { slugify } from './slugify.js';

export { slugify };
import { selectParts, type PartSelection } from './select-parts.js';
import type { Imposition } from '../handout/layout.js';

/** What the book is built as: a book (in the theme book.yaml names) or a handout. */
export type Profile = 'book' | 'handout';

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
  /** Default `book`; `handout` uses the handout theme (with the book's `style` on top) and adds `-handout` to file names. */
  profile?: Profile;
  /** Paper in points, portrait. Default: the book's `style.page.size`, else the theme's page; for a handout, A4 or Letter by the book's language. */
  paper?: PaperSize;
  /** Put the PDF's pages onto sheets of the paper (PDF only). Default: one page per page. */
  impose?: Imposition;
  /** Crop marks and a bleed box on every PDF page or sheet. Default false. */
  marks?: boolean;
  /** Bleed for `marks`, in millimetres. Default 3. */
  bleedMm?: number;
  /** Print only these chapters or sections. Default: the whole book. */
  parts?: PartSelection;
  /** How many threads may lay out a long book's PDF at once. Default: 1 on two cores, else one fewer than the cores. */
  jobs?: number;
  /**
   * Keep each chapter's parse for the next build in this process, which then re-parses
   * only the chapters that changed (`octavo watch`). Default false: nothing is kept.
   */
  incremental?: boolean;
  /**
   * Give an EPUB-only build the page list of the PDF edition (laid out, not written).
   * A build of both formats always has it. Default false: an EPUB-only build stays fast.
   */
  pageList?: boolean;
  /**
   * Fetch images given by http(s) URLs, from public internet addresses only, with a
   * time and size limit. Default false: an image URL is an error and nothing touches the network.
   */
  allowRemote?: boolean;
  /** Told what the build is doing, for a progress display. Default: nothing is told. */
  onProgress?: (progress: Progress) => void;
  /**
   * Stops the build's write: before the outputs are committed, nothing is written and
   * the result says `interrupted`; a commit under way completes. Default: none.
   */
  signal?: AbortSignal;
  /**
   * Writes the outputs, all or none, as `writeOutputs` with `signal`, which is the default.
   * A build in a worker hands them to the main thread, which holds the signal.
   */
  write?: (outputs: readonly OutputFile[]) => Promise<void>;
}

/** A step of a build: reading chapter `done + 1` of `total` (at `file`), rendering one format, or writing the files. */
export type Progress =
  | { stage: 'read'; done: number; total: number; file?: string }
  | { stage: 'render'; format: Format }
  | { stage: 'write'; files: number };

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
  /** Milliseconds spent reading and parsing the book. */
  loadMs?: number;
  /** True when `signal` stopped the build before anything was written. */
  interrupted?: boolean;
}

/** Load the book, run each requested writer in memory, then write all outputs at once. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const formats = options.formats ?? ['pdf', 'epub'];
  const outDir = path.resolve(options.outDir ?? 'dist');
  const blocked = (await blockedOutDir(outDir)) ?? invalidOptions(options, formats);
  if (blocked) return { ok: false, outputs: [], files: [blocked] };
  const loadStarted = performance.now();
  const progress = options.onProgress;
  const loaded = await loadBook(options.input ?? 'manuscript', {
    sourceDateEpoch: options.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH,
    // The EPUB's cover, when book.yaml names none, is drawn while the chapters are read:
    // sharp's load and its rasterising took some 0.4 s of an EPUB-only build after them.
    onMeta: ({ coverNamed, ...early }) => {
      if (!coverNamed && formats.includes('epub')) {
        const { tokens } = designFor(early, options);
        headStarts.epub?.(early, { tokens }).catch(() => undefined);
      }
    },
    ...(options.allowRemote ? { remote: {} } : {}),
    ...(options.incremental ? { incremental: true } : {}),
    ...(progress
      ? { onChapter: (done: number, total: number, file: string) => progress({ stage: 'read', done, total, file }) }
      : {}),
  });
  const loadMs = performance.now() - loadStarted;
  const files = loaded.files;
  const failed = (): boolean =>
    hasErrors(files) || (options.strict === true && files.some((f) => f.messages.length > 0));
  const whole = loaded.book;
  if (!whole || failed()) {
    // The build stops here, but its report is as complete as `octavo check`'s: the
    // print checks the PDF writer would have run are run too.
    if (whole && formats.includes('pdf')) {
      const { checkPrint } = await import('../writers/pdf/print-checks.js');
      checkPrint(whole, designFor(whole, options).tokens);
    }
    return { ok: false, outputs: [], files, loadMs, ...(whole ? { book: whole } : {}) };
  }
  const layout = printLayout(whole, options);
  if ('problem' in layout) return { ok: false, outputs: [], files: [...files, layout.problem], book: whole, loadMs };
  const { book, tokens, paper } = layout;
  for (const format of formats) headStarts[format]?.(book, { tokens }).catch(() => undefined);
  const rendered: (BuiltOutput & { bytesOut: Uint8Array })[] = [];
  // The EPUB's page list comes from the PDF's pages: lay out the PDF first, and
  // for an EPUB-only build that asks for a page list, lay it out without writing it.
  const wantsPageList = formats.includes('epub') && (formats.includes('pdf') || options.pageList === true);
  let pageList: WriterOptions['pageList'];
  if (wantsPageList && !formats.includes('pdf')) {
    progress?.({ stage: 'render', format: 'pdf' });
    try {
      const result = await (await writers.pdf())(book, { tokens, markPages: true, ...jobs(options) });
      pageList = { marks: result.pageMarks ?? [], pages: result.pages ?? 0 };
    } catch (error) {
      report(book.metaFile, {
        reason: `The PDF layout for the page list failed: ${error instanceof Error ? error.message : String(error)}`,
        ruleId: 'output-failed',
        hint: 'build without --page-list, and please report it with the manuscript that triggers it',
        severity: 'error',
      });
    }
  }
  // In `octavo watch`, the EPUB is written while the PDF is laid out, with the pages the
  // last build's PDF gave, and kept when this one gives the same (see `guessedEpub`).
  const pdfPath = path.join(outDir, outputName(book, options, 'pdf'));
  const guess =
    options.incremental && wantsPageList && formats.includes('pdf') ? lastPageList(pdfPath, book) : undefined;
  let early: ReturnType<typeof guessedEpub> | undefined;
  for (const format of [...formats].sort((a, b) => Number(a === 'epub') - Number(b === 'epub'))) {
    const started = performance.now();
    progress?.({ stage: 'render', format });
    try {
      const writer = await writers[format]();
      const write = (): Promise<WriterResult> =>
        writer(book, {
          tokens,
          ...jobs(options),
          ...(format === 'pdf' && wantsPageList ? { markPages: true } : {}),
          ...(format === 'epub' && pageList ? { pageList } : {}),
        });
      const laidOut = format === 'pdf' ? write() : undefined;
      // Started once the PDF's threads have their parts: its first steps run on this thread.
      if (laidOut && guess) early = guessedEpub(book, tokens, guess, files);
      let result = (await laidOut) ?? (await early?.take(pageList)) ?? (await write());
      if (format === 'pdf' && wantsPageList) {
        pageList = { marks: result.pageMarks ?? [], pages: result.pages ?? 0 };
        if (options.incremental) rememberPageList(pdfPath, pageList, book);
      }
      if (format === 'pdf' && (options.impose || options.marks)) {
        const { finishPdf } = await import('../handout/index.js');
        const finish = { paper, marks: options.marks ?? false, bleedMm: options.bleedMm ?? 3 };
        result = { ...result, ...(await finishPdf(result.bytes, { ...finish, ...optional(options.impose) })) };
      }
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
        path: path.join(outDir, outputName(book, options, format)),
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
  if (failed()) return { ok: false, outputs: [], files, book, loadMs };

  progress?.({ stage: 'write', files: rendered.length });
  try {
    const outputs = rendered.map((r) => ({ path: r.path, bytes: r.bytesOut }));
    await (options.write ? options.write(outputs) : writeOutputs(outputs, { signal: options.signal }));
  } catch (error) {
    if (error instanceof OutputInterrupted) return { ok: false, interrupted: true, outputs: [], files, book, loadMs };
    const folder = new VFile({ path: outDir });
    report(folder, { ...writeProblem(error, folderLabel(outDir)), severity: 'error' });
    return { ok: false, outputs: [], files: [...files, folder], book, loadMs };
  }
  const outputs = rendered.map(({ bytesOut: _bytes, ...output }) => output);
  return { ok: true, outputs, files, book, loadMs };
}

/**
 * The tokens a build of `book` lays out with: its theme (or the profile's) with its
 * `style` on top, on the paper asked for (half of it for a booklet's pages).
 */
export function designFor(
  book: Pick<Book, 'meta' | 'design'>,
  options: Pick<BuildOptions, 'profile' | 'paper' | 'impose'> = {},
): { tokens: Tokens; paper: PaperSize } {
  const name = options.profile === 'handout' ? 'handout' : (book.design?.theme ?? 'classic');
  // The handout profile prints one-sided sheets, whatever the book asks of its own pages.
  const style = options.profile === 'handout' ? oneSided(book.design?.style) : book.design?.style;
  const theme = themes[name];
  // A handout prints on the paper of the book's region unless the book or the command line names one.
  const regional = name === 'handout' ? papers[paperForLang(book.meta.lang)] : undefined;
  const paper = options.paper ?? style?.page?.size ?? regional ?? theme.page.size;
  const booklet = options.impose === 'booklet';
  return { tokens: resolveTokens(theme, style, { size: booklet ? halfSheet(paper) : paper, booklet }), paper };
}

function oneSided(style: StyleOverrides | undefined): StyleOverrides | undefined {
  return style?.page?.twoSided ? { ...style, page: { ...style.page, twoSided: false } } : style;
}

/** The book's theme (or the handout's) with its style, on the paper asked for, and the parts of the book to print. */
function printLayout(
  whole: Book,
  options: BuildOptions,
): { book: Book; tokens: Tokens; paper: PaperSize } | { problem: VFile } {
  const { tokens, paper } = designFor(whole, options);
  const booklet = options.impose === 'booklet';
  const small = tooSmall(tokens);
  if (small) {
    const named = [options.paper ? '--paper' : '', booklet ? '--impose booklet' : ''].filter(Boolean).join(' with ');
    return {
      problem: optionProblem(
        `${named || 'style.page in book.yaml'}: ${small}`,
        booklet
          ? 'a booklet page is half the sheet; print on larger paper'
          : options.paper
            ? 'choose a larger --paper'
            : 'choose a larger `style.page.size` or smaller `style.page.margin` in book.yaml',
      ),
    };
  }
  // The handout profile opens on a compact title block, whatever the book asks of its own front pages.
  const book =
    options.profile === 'handout'
      ? { ...whole, pdf: { tocDepth: 3, ...whole.pdf, titlePage: false, toc: false } }
      : whole;
  if (!options.parts) return { book, tokens, paper };
  const selected = selectParts(book, options.parts);
  if (!selected.ok) return { problem: optionProblem(`${selected.option}: ${selected.reason}`, selected.hint) };
  return { book: selected.book, tokens, paper };
}

/** Problems with the options themselves, found before the book is read. */
function invalidOptions(options: BuildOptions, formats: readonly Format[]): VFile | undefined {
  if (options.impose && !formats.includes('pdf')) {
    return optionProblem(
      `--impose ${options.impose}: imposition puts PDF pages on sheets, and this build makes no PDF`,
      'add --format pdf (or all), or leave --impose out',
    );
  }
  if (options.marks && !formats.includes('pdf')) {
    return optionProblem('--marks: crop marks go on PDF pages, and this build makes no PDF', 'add --format pdf');
  }
  const bleed = options.bleedMm;
  if (bleed !== undefined && !(bleed >= 0 && bleed <= 25)) {
    return optionProblem(`--bleed ${bleed}: the bleed must be between 0 and 25 mm`, 'printers usually ask for 3 mm');
  }
  return undefined;
}

/** A message about the command line, shown as `octavo: error: …`. */
function optionProblem(reason: string, hint: string): VFile {
  const file = new VFile({ path: 'octavo' });
  report(file, { reason, ruleId: 'option-invalid', hint, severity: 'error' });
  return file;
}

/** `<title-slug>[-handout][-part][-imposition].<ext>`: a handout or a part never overwrites the book. */
function outputName(book: Book, options: BuildOptions, format: Format): string {
  const parts = options.parts;
  const part = [
    parts?.chapters === undefined ? '' : `ch${parts.chapters.replace(/[^0-9-]+/g, '_')}`,
    parts?.sections?.length ? slugify(parts.sections.join(' ')).slice(0, 40).replace(/-+$/, '') : '',
  ];
  const suffix = [options.profile === 'handout' ? 'handout' : '', ...part, format === 'pdf' ? options.impose : '']
    .filter(Boolean)
    .map((piece) => `-${piece}`)
    .join('');
  return slugify(book.meta.title) + suffix + extensions[format];
}

function optional(impose: Imposition | undefined): { impose?: Imposition } {
  return impose ? { impose } : {};
}

/**
 * The out-dir must be a folder or creatable as one: a file in the way is reported
 * before any work is done, at the path the user gave. A symbolic link to a folder is
 * followed, as the user's choice; a link to nothing is in the way.
 */
async function blockedOutDir(outDir: string): Promise<VFile | undefined> {
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory()) return undefined;
    const link = info ? undefined : await readlink(dir).catch(() => undefined);
    if (info || link !== undefined) {
      const file = new VFile({ path: dir });
      const what = link === undefined ? 'a file' : `a symbolic link to nothing (${link})`;
      report(file, {
        reason:
          dir === outDir
            ? `The output folder is ${what}`
            : `The output folder ${path.relative(process.cwd(), outDir)} would be inside ${what}`,
        ruleId: 'output-failed',
        hint:
          link === undefined
            ? 'pass another --out-dir, or move the file away'
            : 'create the folder it points to, or pass another --out-dir',
        severity: 'error',
      });
      return file;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The writers' `jobs` and `incremental`, when the build sets them. */
const jobs = ({ jobs, incremental }: BuildOptions): { jobs?: number; incremental?: boolean } => ({
  ...(jobs === undefined ? {} : { jobs }),
  ...(incremental ? { incremental } : {}),
});
