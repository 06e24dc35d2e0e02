import type { Book } from '../types/book.js';
import type { Format, Writer, WriterOptions } from '../types/writer.js';

/**
 * Writers by format, loaded on demand so a PDF build never pays for the EPUB
 * packager's import and vice versa.
 */
export const writers: Readonly<Record<Format, () => Promise<Writer>>> = {
  pdf: async () => (await import('./pdf/index.js')).writePdf,
  epub: async () => (await import('./epub/index.js')).writeEpub,
};

/**
 * What a writer starts ahead, by format, while the writers before it run: the work
 * it would otherwise wait for off this thread (the EPUB's cover, which sharp draws
 * on its own threads while the PDF is laid out). It reports nothing; the writer
 * reports what it meets when it takes the result.
 */
export const headStarts: Readonly<
  Partial<Record<Format, (book: Pick<Book, 'meta'>, options: WriterOptions) => Promise<void>>>
> = {
  epub: async (book, { tokens }) => (await import('./epub/cover.js')).startCover(book, tokens),
};

/** File extension of each format's output. */
export const extensions: Readonly<Record<Format, string>> = { pdf: '.pdf', epub: '.epub' };
