import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { openFace } from '../../../styles/fonts.js';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { report } from '../../types/messages.js';
import { pointAt } from '../../plugins/source-point.js';

/** Distinct characters reported per chapter; a Chinese chapter would otherwise give thousands. */
const reportedPerChapter = 10;

/** Characters that are layout, not ink (or modify the one before): no font needs a glyph for them. */
const invisible = /[\s\u00ad\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

/**
 * Report every character the PDF's fonts cannot draw, once per chapter, at its
 * first place in the source. react-pdf would silently fall back to Helvetica,
 * which has no glyph for it either, and draw wrong signs in its place.
 */
export function checkGlyphs(book: Book, tokens: Tokens): void {
  const text = openFace(tokens.fonts.body);
  const code = openFace(tokens.fonts.mono);
  for (const chapter of book.chapters) {
    const source = String(chapter.file.value);
    const seen = new Set<string>();
    let firstUnreported: { line: number; column: number } | undefined;
    visit(chapter.tree, (node: Nodes) => {
      if (node.type !== 'text' && node.type !== 'inlineCode' && node.type !== 'code') return;
      const font = node.type === 'text' ? text : code;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const written = start === undefined || end === undefined ? '' : source.slice(start, end);
      for (const char of new Set(node.value)) {
        if (seen.has(char) || invisible.test(char) || font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0)) continue;
        seen.add(char);
        const at = written.indexOf(char);
        if (seen.size > reportedPerChapter) {
          firstUnreported ??= at === -1 || start === undefined ? node.position?.start : pointAt(source, start + at);
          continue;
        }
        report(chapter.file, {
          reason: `The PDF fonts have no glyph for ${describe(char)}; react-pdf would draw it with a wrong glyph`,
          ruleId: 'glyph-missing',
          place: at === -1 || start === undefined ? node : pointAt(source, start + at),
          hint: 'the fonts cover Latin, Greek and Cyrillic; write the character another way, or leave it for the EPUB only',
          severity: 'warning',
        });
      }
    });
    if (seen.size > reportedPerChapter) {
      report(chapter.file, {
        reason: `The PDF fonts have no glyph for ${seen.size - reportedPerChapter} more characters in this chapter, the first here`,
        ruleId: 'glyph-missing',
        place: firstUnreported,
        hint: 'Chinese, Japanese and Korean text cannot be set in the PDF yet; the EPUB shows it with the reader’s fonts',
        severity: 'warning',
      });
    }
  }
}

function describe(char: string): string {
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `“${char}” (U+${code})`;
}
