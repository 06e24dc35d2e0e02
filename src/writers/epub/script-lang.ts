/**
 * `lang` on passages in another script than the book's, so that readers pick
 * fonts with the right glyphs (Han drawn the Japanese or the Chinese way) and
 * text-to-speech a voice that can read them. Only what the letters decide is
 * marked: French inside English looks like English, so Latin never is.
 */
import type { Element, ElementContent, Root, Text } from 'hast';

/** Scripts told apart, by ISO 15924 code (which Unicode property escapes take as well). */
const scripts = [
  'Latn',
  'Grek',
  'Cyrl',
  'Armn',
  'Geor',
  'Hebr',
  'Arab',
  'Deva',
  'Thai',
  'Hang',
  'Hira',
  'Kana',
  'Hani',
];
const patterns = scripts.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);

/** Spaces, punctuation, digits, combining marks: they belong to the letters around them. */
const neutral = /[\p{Script=Zyyy}\p{Script=Zinh}\p{Script=Zzzz}]/u;
/** Neutral characters that still end a word: combining marks, and letters such as the Japanese long vowel ー. */
const attaches = /[\p{L}\p{M}]/u;

/** Japanese writes Han and kana in one sentence, Korean Hangul and Han: one run each. */
const cjk = new Set(['Hani', 'Hira', 'Kana', 'Hang']);

/** The language a run in a script other than the book's is written in, where its letters tell. */
const languages: Record<string, (run: string) => string> = {
  Grek: () => 'el',
  // Belarusian writes і too, so ў decides first.
  Cyrl: (run) => (/ў/iu.test(run) ? 'be' : /[іїєґ]/iu.test(run) ? 'uk' : /[ђћџљњј]/iu.test(run) ? 'sr' : 'ru'),
  // Urdu writes the Persian letters too, so its own decide first.
  Arab: (run) => (/[ٹڈڑںے]/u.test(run) ? 'ur' : /[پچژگکی]/u.test(run) ? 'fa' : 'ar'),
  Hebr: () => 'he',
  Thai: () => 'th',
  Armn: () => 'hy',
  Geor: () => 'ka',
  Deva: () => 'hi',
  Hang: () => 'ko',
  Hira: () => 'ja',
  Kana: () => 'ja',
  Hani: () => 'zh',
};

/** A stretch of letters of one script (Han, kana and Hangul together), from its first letter to its last. */
export interface Run {
  start: number;
  end: number;
  /** Its BCP 47 tag, when it is foreign to the book and its letters tell its language. */
  lang: string | undefined;
}

/** The scripts a book in `lang` is written in; undefined when the language is not known. */
export function bookScripts(lang: string): ReadonlySet<string> | undefined {
  let script: string | undefined;
  try {
    script = new Intl.Locale(lang).maximize().script;
  } catch {
    return undefined;
  }
  if (script === 'Jpan') return new Set(['Hani', 'Hira', 'Kana']);
  if (script === 'Kore') return new Set(['Hang', 'Hani']);
  if (script === 'Hans' || script === 'Hant') return new Set(['Hani']);
  return script === undefined ? undefined : new Set([script]);
}

function scriptOf(char: string): string | undefined {
  if (char < '\u0080') return /[A-Za-z]/.test(char) ? 'Latn' : undefined;
  if (neutral.test(char)) return undefined;
  return patterns.find(([, pattern]) => pattern.test(char))?.[0] ?? 'other';
}

/** The runs of letters in `text`, for a book written in the scripts `own`. */
export function scriptRuns(text: string, own: ReadonlySet<string>): Run[] {
  const runs: { start: number; end: number; group: string; scripts: Set<string> }[] = [];
  let attached = false;
  for (const { 0: char, index: start } of text.matchAll(/./gsu)) {
    const end = start + char.length;
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (script === undefined) {
      if (last && attached && attaches.test(char)) last.end = end;
      else attached = false;
      continue;
    }
    const group = cjk.has(script) ? 'cjk' : script;
    if (last?.group === group) {
      last.end = end;
      last.scripts.add(script);
    } else runs.push({ start, end, group, scripts: new Set([script]) });
    attached = true;
  }
  return runs.map(({ start, end, scripts: found }) => {
    const foreign = [...found].some((script) => !own.has(script));
    // Hangul makes it Korean, kana Japanese; Han alone is Chinese.
    const script = ['Hang', 'Hira', 'Kana'].find((s) => found.has(s)) ?? [...found][0] ?? '';
    return { start, end, lang: foreign ? languages[script]?.(text.slice(start, end)) : undefined };
  });
}

/** Elements whose text is never split: code is no language, and a `lang` already there was meant. */
function untouched(node: Element): boolean {
  const { lang, xmlLang, role } = node.properties;
  return (
    ['code', 'pre', 'kbd'].includes(node.tagName) ||
    lang !== undefined ||
    xmlLang !== undefined ||
    // Note links and page-break markers stay as the reading systems expect them.
    (typeof role === 'string' && ['doc-noteref', 'doc-backlink', 'doc-pagebreak'].includes(role))
  );
}

const textOf = (node: ElementContent): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

/** A text node with each foreign run in a span of its language; its edges' spaces and punctuation stay outside. */
function wrapRuns(node: Text, own: ReadonlySet<string>): ElementContent[] {
  const { value } = node;
  const out: ElementContent[] = [];
  let at = 0;
  for (const { start, end, lang } of scriptRuns(value, own)) {
    if (lang === undefined) continue;
    if (start > at) out.push({ type: 'text', value: value.slice(at, start) });
    const children: ElementContent[] = [{ type: 'text', value: value.slice(start, end) }];
    out.push(withLang({ type: 'element', tagName: 'span', properties: {}, children }, lang));
    at = end;
  }
  if (at === 0) return [node];
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  return out;
}

/** XHTML readers look at `xml:lang`, HTML ones at `lang`: EPUB wants both, the same. */
function withLang(node: Element, lang: string): Element {
  node.properties.lang = lang;
  node.properties.xmlLang = lang;
  return node;
}

/** An element that is all one foreign language gets its `lang`; otherwise its foreign runs do. */
function mark(node: Element, own: ReadonlySet<string>): void {
  if (untouched(node)) return;
  const runs = scriptRuns(textOf(node), own);
  const only = runs.length === 1 ? runs[0]?.lang : undefined;
  if (only !== undefined) {
    withLang(node, only);
    return;
  }
  if (runs.every((run) => run.lang === undefined)) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === 'text') return wrapRuns(child, own);
    if (child.type === 'element') mark(child, own);
    return [child];
  });
}

/** Mark the passages of a chapter's body in scripts other than those of the book's language `lang`. */
export function markScriptLanguages(root: Root, lang: string): void {
  const own = bookScripts(lang);
  if (!own) return; // a language the runtime does not know: nothing is known to be foreign to it
  for (const child of root.children) if (child.type === 'element') mark(child, own);
}
