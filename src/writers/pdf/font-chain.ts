import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { fallbackFamilies, openFace, type FallbackRole } from '../../../styles/fonts.js';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { formatDate } from '../../plugins/format-date.js';
import { labelsFor } from '../../plugins/labels.js';

/**
 * Which fonts draw a book: each theme face, then the fallback faces the book's
 * characters call for, tried one character at a time (react-pdf takes a
 * `fontFamily` list as such a chain). A fallback is listed only when it draws a
 * character the faces before it lack, so a book without Chinese, Japanese or
 * Korean never registers, loads or embeds the large CJK faces.
 */
export interface FontChains {
  /** The fallback families, in the order they are tried. */
  fallbacks: readonly string[];
  /** The chain that sets text in `family`: the family, then the fallbacks. */
  chain: (family: string) => string[];
  /**
   * The chain for `family` in a passage `text`: Han takes the forms of the
   * passage's language where its letters tell it (kana: Japanese, Hangul:
   * Korean), else the book's (Chinese for a book in another language).
   */
  chainFor: (family: string, text: string) => string[];
  /** Whether `chainFor` can differ from `chain`: the book has more than one CJK face. */
  reorders: boolean;
  /** Whether a CJK face is in the chain: the book has Chinese, Japanese or Korean. */
  cjk: boolean;
  /** Whether some face of `family`'s chain has a glyph for `char`. */
  draws: (family: string, char: string) => boolean;
}

/** Characters that only Chinese, Japanese or Korean faces have (ideographs, kana, Hangul, their punctuation and full-width forms). */
export const cjkChar =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u2e80-\u2fdf\u3000-\u303f\u3099-\u309c\u30fb\u30fc\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const hangul = /\p{Script=Hangul}/u;

/** Characters that are layout, not ink (or modify the one before): no font needs a glyph for them. */
export const invisible = /[\s\u00ad\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

const cache = new WeakMap<Book, Map<string, FontChains>>();

/** The font chains for `book` in the theme's faces (worked out once per book and set of faces). */
export function fontChains(book: Book, tokens: Tokens): FontChains {
  const faces = [...new Set([tokens.fonts.body, tokens.fonts.heading, tokens.fonts.mono])];
  const key = faces.join('\n');
  const known = cache.get(book)?.get(key);
  if (known) return known;
  const chains = workOut(book, faces);
  cache.set(book, (cache.get(book) ?? new Map<string, FontChains>()).set(key, chains));
  return chains;
}

function workOut(book: Book, faces: string[]): FontChains {
  const chars = bookCharacters(book);
  const has = (family: string, char: string): boolean =>
    openFace(family).hasGlyphForCodePoint(char.codePointAt(0) ?? 0);
  const needed = new Set([...chars].filter((char) => faces.some((family) => !has(family, char))));
  const fallbacks: string[] = [];
  for (const family of candidates(book.meta.lang, chars)) {
    const role = fallbackFamilies[family]?.role;
    // A CJK face is opened only for characters of its scripts: reading it costs time.
    const wanted = [...needed].filter((char) => role === 'symbols' || cjkChar.test(char));
    if (wanted.length === 0 || !wanted.some((char) => has(family, char))) continue;
    fallbacks.push(family);
    for (const char of wanted) if (has(family, char)) needed.delete(char);
  }
  const drawn = new Map<string, boolean>();
  const language = book.meta.lang.split('-')[0]?.toLowerCase() ?? '';
  const own: FallbackRole = language === 'ja' || language === 'ko' ? language : 'zh';
  const roleOf = (family: string): FallbackRole | undefined => fallbackFamilies[family]?.role;
  const several = fallbacks.filter((family) => roleOf(family) !== 'symbols').length > 1;
  return {
    fallbacks,
    reorders: several,
    cjk: fallbacks.some((family) => roleOf(family) !== 'symbols'),
    chain: (family) => [family, ...fallbacks],
    chainFor: (family, text) => {
      if (!several || !/\p{Script=Han}/u.test(text)) return [family, ...fallbacks];
      const role = kana.test(text) ? 'ja' : hangul.test(text) ? 'ko' : own;
      return [family, ...fallbacks.filter((f) => roleOf(f) === role), ...fallbacks.filter((f) => roleOf(f) !== role)];
    },
    // Asked for every character of every text of the book (see glyphs.ts): each answer is kept.
    draws: (family, char) => {
      const key = `${family}\n${char}`;
      let answer = drawn.get(key);
      if (answer === undefined) drawn.set(key, (answer = [family, ...fallbacks].some((face) => has(face, char))));
      return answer;
    },
  };
}

/**
 * The fallback families in the order they are tried. Han is drawn in the forms
 * of the book's language (Japanese, Korean, or else Simplified Chinese, which
 * Traditional Chinese books get too for now); a Japanese face comes first where
 * the book has kana, a Korean one where it has Hangul.
 */
function candidates(lang: string, chars: ReadonlySet<string>): string[] {
  const language = lang.split('-')[0]?.toLowerCase();
  const byRole = (role: FallbackRole): string[] =>
    Object.keys(fallbackFamilies).filter((family) => fallbackFamilies[family]?.role === role);
  const cjk: FallbackRole[] = language === 'ja' ? ['ja'] : language === 'ko' ? ['ko'] : language === 'zh' ? ['zh'] : [];
  const all = [...chars].join('');
  if (kana.test(all)) cjk.push('ja');
  if (hangul.test(all)) cjk.push('ko');
  cjk.push('zh');
  return [...new Set(cjk)].flatMap(byRole).concat(byRole('symbols'));
}

/** True for text whose letters are mostly Chinese, Japanese or Korean. */
export function mostlyCjk(text: string): boolean {
  const letters = [...text].filter((char) => /\p{L}/u.test(char));
  return letters.filter((char) => cjkChar.test(char)).length * 2 >= letters.length && letters.length > 0;
}

const charactersOf = new WeakMap<Book, Set<string>>();

/**
 * Every character the PDF sets: the chapters' text and code, image texts, the title
 * block, and Octavo's own labels. Worked out once a book: the fonts and each
 * rendering of a book in parts (parts.ts) ask for them.
 */
export function bookCharacters(book: Book): ReadonlySet<string> {
  const known = charactersOf.get(book);
  if (known) return known;
  const { title, subtitle, authors, date, lang } = book.meta;
  const labels = labelsFor(lang);
  const parts = [title, subtitle ?? '', ...authors, date ? formatDate(date, lang) : '', labels.notes, labels.page];
  for (const chapter of book.chapters) {
    visit(chapter.tree, (node: Nodes) => {
      if ('value' in node && node.type !== 'html' && node.type !== 'yaml') parts.push(node.value);
      if (node.type === 'image') parts.push(node.alt ?? '', node.title ?? '');
    });
  }
  const chars = new Set<string>();
  for (const part of parts) for (const char of part) if (!invisible.test(char)) chars.add(char);
  charactersOf.set(book, chars);
  return chars;
}
