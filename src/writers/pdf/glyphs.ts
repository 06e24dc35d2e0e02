import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { report } from '../../types/messages.js';
import { pointAt } from '../../plugins/source-point.js';
import { fontChains, invisible } from './font-chain.js';

/** Distinct characters reported per chapter; a Chinese chapter would otherwise give thousands. */
const reportedPerChapter = 10;

/**
 * The chapters, by file, found to have no character the fonts lack, with the fonts
 * and the text (in the language, for its quotation marks) they were checked in: the next build of `octavo watch` (or the next
 * check) skips them.
 */
const drawable = new Map<string, string>();

/**
 * Report every character that no font of the PDF's chain (the theme's face, then
 * the CJK and symbol faces, see font-chain.ts) can draw, once per chapter, at its
 * first place in the source: react-pdf would draw an empty box or a wrong sign.
 */
export function checkGlyphs(book: Book, tokens: Tokens): void {
  const chains = fontChains(book, tokens);
  const fonts = JSON.stringify([book.meta.lang, tokens.fonts.body, tokens.fonts.mono, chains.fallbacks]);
  for (const chapter of book.chapters) {
    const source = String(chapter.file.value);
    const path = chapter.file.path;
    if (path && drawable.get(path) === `${fonts}\n${source}`) continue;
    const seen = new Set<string>();
    let firstUnreported: { line: number; column: number } | undefined;
    visit(chapter.tree, (node: Nodes) => {
      if (node.type !== 'text' && node.type !== 'inlineCode' && node.type !== 'code') return;
      const family = node.type === 'text' ? tokens.fonts.body : tokens.fonts.mono;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const written = start === undefined || end === undefined ? '' : source.slice(start, end);
      for (const char of new Set(node.value)) {
        if (seen.has(char) || invisible.test(char) || chains.draws(family, char)) continue;
        seen.add(char);
        const at = written.indexOf(char);
        if (seen.size > reportedPerChapter) {
          firstUnreported ??= at === -1 || start === undefined ? node.position?.start : pointAt(source, start + at);
          continue;
        }
        report(chapter.file, {
          reason: `The PDF fonts have no glyph for ${describe(char)}; it would print as an empty box`,
          ruleId: 'glyph-missing',
          place: at === -1 || start === undefined ? node : pointAt(source, start + at),
          hint: 'the fonts cover Latin, Greek, Cyrillic, Chinese, Japanese, Korean, symbols and emoji (in black); write the character another way, or leave it for the EPUB only',
          severity: 'warning',
        });
      }
    });
    if (path && seen.size === 0) drawable.set(path, `${fonts}\n${source}`);
    if (seen.size > reportedPerChapter) {
      report(chapter.file, {
        reason: `The PDF fonts have no glyph for ${seen.size - reportedPerChapter} more characters in this chapter, the first here`,
        ruleId: 'glyph-missing',
        place: firstUnreported,
        hint: 'a script the PDF fonts lack (such as Arabic, Hebrew, Thai or Devanagari) cannot be set in the PDF yet; the EPUB shows it with the reader’s fonts',
        severity: 'warning',
      });
    }
  }
}

function describe(char: string): string {
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `“${char}” (U+${code})`;
}
