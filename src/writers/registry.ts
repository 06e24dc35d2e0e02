import type { Format, Writer } from '../types/writer.js';

/**
 * Writers by format, loaded on demand so a PDF build never pays for the EPUB
 * packager's import and vice versa.
 */
export const writers: Readonly<Record<Format, () => Promise<Writer>>> = {
  pdf: async () => (await import('./pdf/index.js')).writePdf,
  epub: async () => (await import('./epub/index.js')).writeEpub,
};

/** File extension of each format's output. */
export const extensions: Readonly<Record<Format, string>> = { pdf: '.pdf', epub: '.epub' };
