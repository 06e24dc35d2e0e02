/**
 * The budgets a book is built within, in one place so that every reader of a
 * book's files applies the same ones. Each is far above what a real book needs
 * (a long novel is about 1 MB of Markdown, nested three or four levels deep) and
 * far below what would take the machine: the Markdown parser is not linear on
 * every input, and react-pdf lays a book out synchronously.
 */

/** Largest chapter (or book.yaml, or single-file book) read, in bytes: checked with `stat` before reading. */
export const maxSourceBytes = 20 * 1024 * 1024;

/** Largest book read, all its chapters together, in bytes. */
export const maxBookBytes = 50 * 1024 * 1024;

/**
 * Deepest nesting of block quotes and lists, of unclosed brackets and parentheses,
 * and of unclosed emphasis openers in a paragraph, as the pre-scan before parsing
 * counts them. A real book nests three or four levels; the parser's time grows
 * faster than linearly with depth.
 */
export const maxNesting = 100;

/** Default wall-clock budget of a build or check, in seconds (`--timeout`; 0 means none). */
export const defaultTimeoutSeconds = 600;

/**
 * Default JavaScript heap of the worker that parses and lays out a book, in MB
 * (`--max-memory`): what V8 gives a Node process on a 64-bit machine with 16 GB or
 * more, so a book that built in-process builds in the worker too.
 */
export const defaultMaxMemoryMb = 4096;
