import type { Book } from './book.js';
import type { Tokens } from '../../styles/tokens.js';

export type Format = 'pdf' | 'epub';

/** What every writer gets besides the book. */
export interface WriterOptions {
  tokens: Tokens;
}

/** What a writer hands back: the bytes, and facts for the report line. */
export interface WriterResult {
  bytes: Uint8Array;
  /** PDF page count; undefined for formats without pages. */
  pages?: number;
  /** What the rendering library said while it worked (it only ever prints to the console). */
  warnings?: string[];
}

/** A writer turns a book into the bytes of one output format. */
export type Writer = (book: Book, options: WriterOptions) => Promise<WriterResult>;
