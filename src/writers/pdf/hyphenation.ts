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

/** Longest word kept whole come what may: a longer one could run off the page. */
const longest = 30;

/**
 * A word kept whole, unless it is so long it might not fit a line: then it may break
 * after its own punctuation (`/`, `.`, `_`, …), or every 20 characters. react-pdf
 * draws a hyphen at such a break; that is the price of not losing the text.
 */
export function whole(word: string): string[] {
  if ([...word].length <= longest) return [word];
  const parts = word.match(/[^/._\-?&=@,:#]*[/._\-?&=@,:#]*/g)?.filter(Boolean) ?? [word];
  return parts.flatMap((part) => [...part].join('').match(/.{1,20}/gsu) ?? [part]);
}

/**
 * A compound that already has its hyphen (`ninety-minute`). react-pdf can only
 * break it inside a part, adding a second hyphen (`nine-/ty-minute`), which
 * reads as a misprint; style guides break such a word at its own hyphen or not
 * at all, and react-pdf cannot do the first.
 */
const compound = /\p{L}[-\u2010]\p{L}/u;

/** The hyphenation callback for a book in `lang`. */
export function hyphenationFor(lang: string): Hyphenate {
  const patterns = hyphenatesIn(lang);
  return (word, builtin) =>
    !patterns || !builtin || unbreakable(word) || compound.test(word) ? whole(word) : builtin(word);
}
