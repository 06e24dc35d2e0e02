import type { Book } from './book.js';
import type { Tokens } from '../../styles/tokens.js';

export type Format = 'pdf' | 'epub';

/** Where a block of the book starts in the PDF: chapter (from 0), the block's source offset, the page (from 1). */
export interface PageMark {
  chapter: number;
  offset: number;
  page: number;
}

/** What every writer gets besides the book. */
export interface WriterOptions {
  tokens: Tokens;
  /** PDF: also report where every top-level block starts (`pageMarks` in the result). Default false. */
  markPages?: boolean;
  /** PDF: how many threads may lay out parts of a long book at once (see writers/pdf/parts.ts). Default: 1 on two cores, else one fewer than the cores; with 1, the parts are laid out one after the other. */
  jobs?: number;
  /**
   * PDF: lay a long book out as one document, not in parts (see writers/pdf/parts.ts):
   * the file holds each font once, but the layout needs more memory (800 pages: 810 MB
   * against 545 MB) and a rebuild lays out every page again. Default false.
   */
  whole?: boolean;
  /**
   * PDF: more builds of this book follow in this process (`octavo watch`), so a long book
   * is cut into smaller parts and an edit lays out fewer pages again. Default false.
   */
  incremental?: boolean;
  /** EPUB: the PDF's pages (how many, and where blocks start), for page-break markers and a page list. Default: none. */
  pageList?: { marks: readonly PageMark[]; pages: number };
}

/** What a writer hands back: the bytes, and facts for the report line. */
export interface WriterResult {
  bytes: Uint8Array;
  /** PDF page count; undefined for formats without pages. */
  pages?: number;
  /** What the rendering library said while it worked (it only ever prints to the console). */
  warnings?: string[];
  /** PDF, when asked (`markPages`): the page where every top-level block starts. */
  pageMarks?: PageMark[];
}

/** A writer turns a book into the bytes of one output format. */
export type Writer = (book: Book, options: WriterOptions) => Promise<WriterResult>;
