/**
 * Octavo's public API: build a book, check it (or an EPUB), or load it and run one writer yourself.
 *
 *   import { build } from 'octavo';
 *   const result = await build({ input: 'manuscript', formats: ['pdf'] });
 */
export { build, slugify, type BuildOptions, type BuildResult, type BuiltOutput } from './core/build.js';
export { checkBook, type CheckOptions, type CheckResult } from './core/check.js';
export { checkEpub, type CheckEpubResult } from './core/check-epub.js';
export { loadBook, type LoadResult } from './core/load-book.js';
export { formatMessages } from './core/report.js';
export { writeEpub } from './writers/epub/index.js';
export { writePdf } from './writers/pdf/index.js';
export { themeNames, themes, type ThemeName } from '../styles/themes/index.js';
export { resolveTokens, type StyleOverrides } from '../styles/resolve.js';
export type { Tokens } from '../styles/tokens.js';
export type { Asset, Book, BookMeta, Chapter } from './types/book.js';
export type { Format, Writer, WriterOptions, WriterResult } from './types/writer.js';
