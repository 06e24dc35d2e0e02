/**
 * Typographic double quotes by language, for smart punctuation. Single quotes stay
 * ‘ ’ everywhere: SmartyPants draws the apostrophe with the closing single quote,
 * and German ‘ or Polish » would turn "geht's" into nonsense. Each mark is one
 * character: remark-smartypants maps text back by length, and a longer mark (French
 * « with its no-break space) makes it drop the characters that follow.
 */
const doubles: Record<string, [open: string, close: string]> = {
  en: ['“', '”'],
  de: ['„', '“'],
  'de-CH': ['«', '»'],
  cs: ['„', '“'],
  sk: ['„', '“'],
  pl: ['„', '”'],
  hu: ['„', '”'],
  ro: ['„', '”'],
  nl: ['“', '”'],
  fr: ['«', '»'],
  es: ['«', '»'],
  it: ['«', '»'],
  'pt-PT': ['«', '»'],
  pt: ['“', '”'],
  ru: ['«', '»'],
  uk: ['«', '»'],
  el: ['«', '»'],
  nb: ['«', '»'],
  no: ['«', '»'],
  da: ['»', '«'],
  sv: ['”', '”'],
  fi: ['”', '”'],
};

/** remark-smartypants options that set the quotes of `lang` (BCP 47). */
export function quotesFor(lang: string): {
  openingQuotes: { double: string; single: string };
  closingQuotes: { double: string; single: string };
} {
  const [language = 'en', region] = lang.split('-');
  const pair = doubles[`${language}-${region ?? ''}`] ?? doubles[language.toLowerCase()] ?? doubles.en ?? ['“', '”'];
  return { openingQuotes: { double: pair[0], single: '‘' }, closingQuotes: { double: pair[1], single: '’' } };
}
