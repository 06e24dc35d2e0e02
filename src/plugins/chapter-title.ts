import type { Heading, Root } from 'mdast';
import type { Book } from '../types/book.js';

/** The heading a chapter opens with (before any other block), which names the chapter. */
export function leadHeading(tree: Root): Heading | undefined {
  const first = tree.children.find((node) => !['yaml', 'definition', 'footnoteDefinition'].includes(node.type));
  return first?.type === 'heading' ? first : undefined;
}

/** Whether `text` has something to read: control characters alone leave an EPUB's nav entry or <title> empty. */
export const readable = (text: string): boolean => /[^\p{Cc}\p{Cs}\s\ufffe\uffff]/u.test(text);

/** A chapter's name in tables of contents: its lead heading, else the book title (first chapter) or its number. */
export function chapterLabel(book: Pick<Book, 'chapters' | 'meta'>, index: number): string {
  const chapter = book.chapters[index];
  if (chapter?.title && readable(chapter.title)) return chapter.title;
  return index === 0 ? book.meta.title : `Chapter ${index + 1}`;
}
