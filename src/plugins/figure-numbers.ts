import type { Image, ImageReference, Paragraph, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

const numbered = new WeakMap<readonly { tree: Root }[], ReadonlyMap<Image | ImageReference, number>>();

/**
 * The figures of a book, numbered from 1 in reading order: every image that is
 * alone in its paragraph (white space aside), as both writers set it with a
 * caption. Notes are not counted: print sets them at the end of their chapter,
 * out of the text's order. Writers show the numbers when the theme asks
 * (`figures.numbered`).
 */
export function figureNumbers(chapters: readonly { tree: Root }[]): ReadonlyMap<Image | ImageReference, number> {
  const known = numbered.get(chapters);
  if (known) return known;
  const numbers = new Map<Image | ImageReference, number>();
  for (const { tree } of chapters) {
    visit(tree, (node) => {
      if (node.type === 'footnoteDefinition') return SKIP;
      if (node.type !== 'paragraph') return undefined;
      const image = loneImage(node);
      if (image) numbers.set(image, numbers.size + 1);
      return SKIP;
    });
  }
  numbered.set(chapters, numbers);
  return numbers;
}

/** The image a paragraph holds alone (white space aside): a figure. */
export function loneImage(node: Paragraph): Image | ImageReference | undefined {
  const content = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
  const only = content.length === 1 ? content[0] : undefined;
  return only?.type === 'image' || only?.type === 'imageReference' ? only : undefined;
}
