import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * The most words a paragraph may have before Octavo suggests splitting it: about
 * half a printed page, and several screens on a phone. Long news and essay
 * paragraphs stay well under it (the shipped article's longest has under 90); a paragraph
 * over it is usually two thoughts, or text pasted without its breaks.
 */
export const longParagraphWords = 250;

export interface CheckParagraphsOptions {
  /** The book's language: words are counted as it segments them (Chinese and Japanese have no spaces). */
  lang: string;
}

/** Warn at a paragraph of more than `longParagraphWords` words. */
export function remarkCheckParagraphs(options: CheckParagraphsOptions) {
  const segmenter = wordSegmenter(options.lang);
  return (tree: Root, file: VFile): void => {
    visit(tree, 'paragraph', (node) => {
      let words = 0;
      for (const segment of segmenter.segment(toString(node))) if (segment.isWordLike) words++;
      if (words <= longParagraphWords) return;
      report(file, {
        reason: `Paragraph of ${words} words; over ${longParagraphWords}, readers lose their place`,
        ruleId: 'paragraph-long',
        place: node,
        hint: 'split it where the thought turns (a blank line starts a new paragraph)',
        severity: 'warning',
      });
    });
  };
}

function wordSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    // A well-formed tag ICU does not know (a warning in book.yaml already): count as in English.
    return new Intl.Segmenter('en', { granularity: 'word' });
  }
}
