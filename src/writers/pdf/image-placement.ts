import type { Image, ImageReference, Nodes, Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Book } from '../../types/book.js';
import { report } from '../../types/messages.js';
import { isImageLink } from './handlers/paragraph.js';

export interface PlacedImages {
  /** Printed as pictures, in their own block (paragraph.ts cuts them out of the text). */
  block: (Image | ImageReference)[];
  /** Inside a line of text, where the PDF prints their alt text instead. */
  inline: (Image | ImageReference)[];
  /** Blocks cut out of a paragraph that has words too: the words before and after become paragraphs of their own. */
  amongWords: (Image | ImageReference)[];
}

/**
 * Where the PDF writer puts each image of a chapter, decided as its handlers do:
 * an image that is a child of a paragraph, or of an images-only link that is one,
 * is a block; any other image sits in a line. Notes nothing cites are not printed.
 */
export function placedImages(tree: Root): PlacedImages {
  const cited = new Set<string>();
  visit(tree, 'footnoteReference', (node) => {
    cited.add(node.identifier);
  });
  const placed: PlacedImages = { block: [], inline: [], amongWords: [] };
  const parents: Nodes[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'footnoteDefinition' && !cited.has(node.identifier)) return;
    if (node.type === 'image' || node.type === 'imageReference') {
      const [parent, grandparent] = [parents.at(-1), parents.at(-2)];
      const inParagraph = parent?.type === 'paragraph';
      const inImageLink = parent?.type === 'link' && isImageLink(parent) && grandparent?.type === 'paragraph';
      placed[inParagraph || inImageLink ? 'block' : 'inline'].push(node);
      const paragraph = inParagraph ? parent : inImageLink ? grandparent : undefined;
      if (paragraph?.type === 'paragraph' && hasWords(paragraph)) placed.amongWords.push(node);
      return;
    }
    if (!('children' in node)) return;
    parents.push(node);
    for (const child of node.children) walk(child);
    parents.pop();
  };
  walk(tree);
  return placed;
}

/** Whether a paragraph holds text besides its images (and links made only of images). */
function hasWords(paragraph: Paragraph): boolean {
  return paragraph.children.some((child) => {
    if (child.type === 'image' || child.type === 'imageReference' || child.type === 'break') return false;
    if (child.type === 'link' && isImageLink(child)) return false;
    return !(child.type === 'text' && child.value.trim() === '');
  });
}

/**
 * Warn at every image the PDF cannot draw where it stands: react-pdf cannot put a
 * picture inside a line of text, so the PDF shows its alt text. The EPUB shows the image.
 */
export function checkInlineImages(book: Pick<Book, 'chapters'>): void {
  for (const chapter of book.chapters) {
    for (const node of placedImages(chapter.tree).inline) {
      report(chapter.file, {
        reason: 'An image inside a line of text is shown as its alt text in the PDF',
        ruleId: 'image-inline',
        place: node,
        hint: 'give the image a paragraph of its own (a linked image alone in its paragraph works too)',
        severity: 'warning',
      });
    }
    for (const node of placedImages(chapter.tree).amongWords) {
      report(chapter.file, {
        reason: 'An image among words is set on a line of its own in the PDF, splitting its paragraph there',
        ruleId: 'image-inline',
        place: node,
        hint: 'give the image a paragraph of its own, so it prints as a figure with its caption',
        severity: 'warning',
      });
    }
  }
}
