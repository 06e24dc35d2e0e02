import type { VFile } from 'vfile';
import type { Tokens } from '../../styles/tokens.js';
import type { Book } from '../types/book.js';
import type { WriterOptions, WriterResult } from '../types/writer.js';
import { writers } from '../writers/registry.js';

/**
 * `octavo watch` writes the EPUB while the PDF is laid out (see `guessedEpub`): an
 * EPUB has the PDF edition's page list, which a build learns only once the PDF is
 * laid out, and a one-word edit seldom moves a page.
 */

type PageList = NonNullable<WriterOptions['pageList']>;

/** How many EPUBs written with a guessed page list were kept, and how many dropped (for tests). */
export const epubGuesses = { kept: 0, dropped: 0 };

/**
 * The page list each PDF of an incremental build gave, by the PDF's path, with where
 * each chapter's blocks started in the source then: the next build's guess.
 */
const pageListsBefore = new Map<string, { list: PageList; starts: number[][] }>();

/** Keep the page list the PDF at `pdfPath` gave, for the next build's guess. */
export function rememberPageList(pdfPath: string, list: PageList, book: Book): void {
  pageListsBefore.set(pdfPath, { list, starts: blockStarts(book) });
}

/** The page list the last build's PDF at `pdfPath` gave, its marks moved to where their blocks start in `book`. */
export function lastPageList(pdfPath: string, book: Book): PageList | undefined {
  const before = pageListsBefore.get(pdfPath);
  return before && carried(before, blockStarts(book));
}

/** Where each chapter's blocks start in its source: what a page mark names a block by. */
const blockStarts = (book: Book): number[][] =>
  book.chapters.map((chapter) => chapter.tree.children.map((block) => block.position?.start.offset ?? -1));

/**
 * The last page list with each block named by where it starts now: an edit moves the
 * offsets of the blocks after it. A block is followed by its place in its chapter.
 */
function carried(before: { list: PageList; starts: number[][] }, now: number[][]): PageList {
  const marks = before.list.marks.map((mark) => {
    const index = before.starts[mark.chapter]?.indexOf(mark.offset) ?? -1;
    const offset = index < 0 ? undefined : now[mark.chapter]?.[index];
    return offset === undefined ? mark : { ...mark, offset };
  });
  return { pages: before.list.pages, marks };
}

/**
 * The EPUB written with the page list of the last build's PDF, while this build's
 * PDF is laid out in other threads. A one-word edit seldom moves a page: then the
 * EPUB is ready when the PDF is. When the PDF's pages moved, it is dropped, with
 * any message it gave, and the EPUB is written again with the right pages.
 */
export function guessedEpub(book: Book, tokens: Tokens, guess: PageList, files: readonly VFile[]) {
  const had = new Set(files.flatMap((file) => file.messages));
  const run = writers
    .epub()
    .then((writer) => writer(book, { tokens, pageList: guess }))
    .catch(() => undefined);
  return {
    async take(actual: PageList | undefined): Promise<WriterResult | undefined> {
      const result = await run;
      if (result && actual && samePageList(actual, guess)) {
        epubGuesses.kept++;
        return result;
      }
      epubGuesses.dropped++;
      for (const file of files) {
        const kept = file.messages.filter((message) => had.has(message));
        file.messages.splice(0, file.messages.length, ...kept);
      }
      return undefined;
    },
  };
}

function samePageList(a: PageList, b: PageList): boolean {
  return (
    a.pages === b.pages &&
    a.marks.length === b.marks.length &&
    a.marks.every((mark, i) => {
      const other = b.marks[i];
      return (
        other !== undefined &&
        mark.chapter === other.chapter &&
        mark.offset === other.offset &&
        mark.page === other.page
      );
    })
  );
}
