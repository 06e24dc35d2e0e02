/**
 * Where react-pdf may hyphenate. Its only patterns are US English, so other
 * languages are not hyphenated at all (and, see stylesheet.ts, not justified:
 * justified text without hyphenation opens rivers). Words that look like code,
 * a URL, an address or a number are never cut: a hyphen there changes what the
 * reader types.
 */
export type Hyphenate = (word: string, builtin?: (word: string) => string[]) => string[];

/** True when the book's language has hyphenation patterns here. */
export function hyphenatesIn(lang: string): boolean {
  return /^en(-|$)/i.test(lang);
}

/** Letters, digits and punctuation that mark a word as not prose. */
const notProse = /[/\\@_=#?&{}()[\]<>$`|~+*%^:;.]|[a-z][A-Z]|\d/;

/** True for a word that must never be cut, ignoring the punctuation that ends a sentence. */
export function unbreakable(word: string): boolean {
  const core = word.replace(/^[(\["'“‘«„]+|[)\]"'”’»,.;:!?…]+$/g, '');
  return notProse.test(core);
}

/** The hyphenation callback for a book in `lang`. */
export function hyphenationFor(lang: string): Hyphenate {
  const patterns = hyphenatesIn(lang);
  return (word, builtin) => (!patterns || !builtin || unbreakable(word) ? [word] : builtin(word));
}
