import { createRequire } from 'node:module';
import { cjkBreaks } from './cjk-breaks.js';

/**
 * Where react-pdf may break a word. US English uses react-pdf's own patterns;
 * other languages the TeX patterns of the `hyphen` package, loaded for the
 * book's language only (and for Russian, Ukrainian, Belarusian or Greek words
 * in a book in another script); a language without patterns is not hyphenated (and, see
 * stylesheet.ts, not justified: justified text without hyphenation opens rivers).
 * Words that look like code, a URL, an address or a number are never cut: a
 * hyphen there changes what the reader types. Chinese and Japanese break
 * between characters, with no hyphen (see cjk-breaks.ts).
 */
export type Hyphenate = (word: string, builtin?: (word: string) => string[]) => string[];

/**
 * Modules of the `hyphen` package by language (or language-region) subtag.
 * English other than British keeps react-pdf's US patterns; Greek is set
 * monotonic. Chinese is absent on purpose: `hyphen/zh` hyphenates pinyin.
 */
const patternModules: Readonly<Record<string, string>> = {
  'en-gb': 'en-gb',
  af: 'af',
  be: 'be',
  bg: 'bg',
  ca: 'ca',
  cs: 'cs',
  cy: 'cy',
  da: 'da',
  de: 'de',
  el: 'el-monoton',
  es: 'es',
  et: 'et',
  eu: 'eu',
  fi: 'fi',
  fr: 'fr',
  ga: 'ga',
  gl: 'gl',
  hr: 'hr',
  hu: 'hu',
  is: 'is',
  it: 'it',
  la: 'la',
  lt: 'lt',
  lv: 'lv',
  nb: 'nb',
  nl: 'nl',
  nn: 'nn',
  no: 'nb',
  pl: 'pl',
  pt: 'pt',
  ro: 'ro',
  ru: 'ru',
  sk: 'sk',
  sl: 'sl',
  sv: 'sv',
  tr: 'tr',
  uk: 'uk',
};

/** The `hyphen` module for a language tag, `builtin` for US English, or undefined when there are no patterns. */
export function patternsFor(lang: string): string | undefined {
  const tag = lang.toLowerCase().split(/[-_]/);
  const [language = '', region] = tag;
  if (language === 'en') return region === 'gb' ? 'en-gb' : 'builtin';
  return patternModules[`${language}-${region}`] ?? patternModules[language];
}

/** True when the book's language has hyphenation patterns here. */
export function hyphenatesIn(lang: string): boolean {
  return patternsFor(lang) !== undefined;
}

/** Chinese and Japanese need no hyphens: their lines break between characters, so they may be justified too. */
export function justifiesIn(lang: string): boolean {
  return hyphenatesIn(lang) || /^(zh|ja)(-|$)/i.test(lang);
}

const require = createRequire(import.meta.url);

interface HyphenModule {
  hyphenateSync: (text: string, options?: { minWordLength?: number }) => string;
}

/** A hyphenator for a `hyphen` module: words to their syllables, each word worked out once. */
function patternHyphenator(module: string): (word: string) => string[] {
  const { hyphenateSync } = require(`hyphen/${module}`) as HyphenModule;
  const known = new Map<string, string[]>();
  return (word) => {
    let parts = known.get(word);
    if (!parts) {
      parts = hyphenateSync(word).split('\u00ad');
      known.set(word, parts);
    }
    return parts;
  };
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
 * Chinese and Japanese still break between their characters.
 */
export function whole(word: string): string[] {
  return cjkBreaks(word, keepWhole);
}

function keepWhole(word: string): string[] {
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

/**
 * Words in Cyrillic or Greek inside a book in another script: their letters tell
 * their language, as they do for the EPUB's `lang` (see epub/script-lang.ts);
 * Latin words inside a Cyrillic or Greek book cannot be told apart, and stay whole.
 */
const foreignScripts: readonly { script: string; letters: RegExp; module: (word: string) => string }[] = [
  {
    script: 'Cyrl',
    letters: /\p{Script=Cyrillic}/u,
    module: (word) => (/ў/iu.test(word) ? 'be' : /[іїєґ]/iu.test(word) ? 'uk' : 'ru'),
  },
  { script: 'Grek', letters: /\p{Script=Greek}/u, module: () => 'el-monoton' },
];

/** The script a language is written in (`Latn`, `Cyrl`…), or undefined when the runtime does not know it. */
function scriptOf(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang).maximize().script;
  } catch {
    return undefined;
  }
}

/** The hyphenation callback for a book in `lang`. */
export function hyphenationFor(lang: string): Hyphenate {
  const patterns = patternsFor(lang);
  const own = patterns && patterns !== 'builtin' ? patternHyphenator(patterns) : undefined;
  const bookScript = scriptOf(lang);
  // Loaded at the first word that needs them.
  const foreign = new Map<string, (word: string) => string[]>();
  const foreignSyllables = (word: string): ((word: string) => string[]) | undefined => {
    const found = foreignScripts.find(({ script, letters }) => script !== bookScript && letters.test(word));
    if (!found) return undefined;
    const module = found.module(word);
    if (!foreign.has(module)) foreign.set(module, patternHyphenator(module));
    return foreign.get(module);
  };
  return (word, builtin) =>
    cjkBreaks(word, (part) => {
      const syllables = foreignSyllables(part) ?? own ?? (patterns ? builtin : undefined);
      return !syllables || unbreakable(part) || compound.test(part)
        ? keepWhole(part)
        : // A soft hyphen the author wrote is the author's call.
          part.includes('\u00ad')
          ? part.split('\u00ad')
          : syllables(part);
    });
}
