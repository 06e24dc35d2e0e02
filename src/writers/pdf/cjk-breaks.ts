/**
 * Line breaks for Chinese and Japanese, which put no spaces between words: a
 * line may end between any two ideographs or kana, with no hyphen, except
 * where kinsoku shori forbids it (JIS X 4051, and the Chinese rules like it).
 * Korean puts spaces between words and breaks there, like Latin text.
 */

/** Ideographs, kana and their punctuation and full-width forms: a line may break before or after each. */
const breaksAround =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u2e80-\u2fdf\u3000-\u303f\u30a0\u30fb\u30fc\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;

/**
 * Characters that never begin a line: closing brackets and quotes, stops and
 * commas, the iteration marks, the long-vowel mark and small kana.
 */
const noLineStart = new Set([
  ...'、。，．・：；？！‼⁇⁈⁉ー〜～…‥',
  ...'）〕］｝〉》」』】〙〗〟’”｠»',
  ...'ヽヾゝゞ々〻',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  ...')]},.:;?!%',
]);

/** Characters that never end a line: opening brackets and quotes. */
const noLineEnd = new Set([...'（〔［｛〈《「『【〘〖〝‘“｟«', ...'([{']);

/**
 * `word` cut where a line may break between Chinese or Japanese characters, each
 * run of other text handed to `rest` (hyphenation, or none). The pieces are
 * separated by an empty string: react-pdf makes an empty syllable a glue of no
 * width, a break that adds no hyphen (a break between syllables draws one).
 */
export function cjkBreaks(word: string, rest: (part: string) => string[]): string[] {
  if (!breaksAround.test(word)) return rest(word);
  const chars = [...word];
  const pieces: string[] = [];
  let piece = '';
  chars.forEach((char, index) => {
    const before = chars[index - 1];
    if (before !== undefined && breakBetween(before, char)) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  });
  pieces.push(piece);
  // react-pdf hands over its text run by run, and a run ends wherever the script
  // (Han, kana, Latin) or the font changes; between two runs it would draw a hyphen.
  // A word that opens with an ideograph or kana may break before it.
  const first = chars[0] ?? '';
  const opens = breaksAround.test(first) && !noLineStart.has(first);
  return pieces.flatMap((part, index) => [
    ...(index > 0 || opens ? [''] : []),
    ...(breaksAround.test(part) ? [part] : rest(part)),
  ]);
}

function breakBetween(before: string, after: string): boolean {
  if (!breaksAround.test(before) && !breaksAround.test(after)) return false;
  return !noLineStart.has(after) && !noLineEnd.has(before);
}
