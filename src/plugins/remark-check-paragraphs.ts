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
      const text = toString(node);
      if ((mostWords(text) ?? Infinity) <= longParagraphWords) return;
      const words = countWords(segmenter, text);
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

/**
 * How long a piece of text the segmenter is given at once. V8's Intl.Segmenter
 * (Node 20) takes time proportional to the whole string for every segment, inside
 * ICU where a worker cannot be stopped: a 100 KB paragraph took minutes, and the
 * build's --timeout could not end it. Pieces cut at a space keep it linear (about
 * a second a megabyte at worst); a word cut in two where there is no space
 * (Chinese, Japanese) changes the count by one at most per piece.
 */
const segmentPiece = 512;

/** ASCII, no-break space and the marks smart punctuation sets (dashes, quotes, ellipsis). */
const plainLatin = /^[\u0000-\u007f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;

/**
 * At most how many words `countWords` finds in `text`, when that is cheap to know;
 * else undefined. The segmenter costs more than all the other checks together,
 * and almost every paragraph is far under the limit. In text of `plainLatin` alone,
 * every word-like segment holds a run of ASCII letters, digits or `_`, and no
 * word break falls inside such a run (UAX #29, WB5 to WB13b); a cut between
 * pieces, where a piece has no space, may divide one.
 */
export function mostWords(text: string): number | undefined {
  if (!plainLatin.test(text)) return undefined;
  return (text.match(/\w+/g)?.length ?? 0) + Math.ceil(text.length / segmentPiece);
}

/** The word-like segments of `text`, counted piece by piece. */
export function countWords(segmenter: Intl.Segmenter, text: string): number {
  let words = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + segmentPiece, text.length);
    // Back to the last space in the piece, if it has one; never further back than its start.
    let space = end;
    while (end < text.length && space > start && text.charCodeAt(space - 1) !== 32) space--;
    if (end < text.length && space > start) end = space;
    for (const segment of segmenter.segment(text.slice(start, end))) if (segment.isWordLike) words++;
    start = end;
  }
  return words;
}

function wordSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    // A well-formed tag ICU does not know (a warning in book.yaml already): count as in English.
    return new Intl.Segmenter('en', { granularity: 'word' });
  }
}
