/**
 * What raw HTML in a chapter may become: the allow-list. Only the elements named
 * here are rendered (as Markdown nodes both writers draw), only with the
 * attributes named here; everything else keeps its text, and what can act on a
 * reader's device (scripts, frames, forms, event handlers, script URLs) is removed.
 */

/** Elements rendered, each as a Markdown node of its own; their attributes are the only ones kept. */
export const allowedElements: Readonly<Record<string, readonly string[]>> = {
  em: [],
  i: [],
  strong: [],
  b: [],
  del: [],
  s: [],
  code: [],
  kbd: [],
  sup: [],
  sub: [],
  br: [],
  p: [],
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  figure: [],
  figcaption: [],
  details: ['open'],
  summary: [],
};

/** Why an element that could act, load or hide something is removed, by its name. */
const unsafeElements: Readonly<Record<string, string>> = {
  script: 'scripts never run in a book',
  noscript: 'it belongs to scripts, which never run in a book',
  style: 'styles come from the theme',
  link: 'a book loads nothing from outside',
  base: 'it would change where every link goes',
  meta: 'a chapter has no head to carry it',
  title: 'a chapter has no head to carry it',
  iframe: 'embedded pages are not allowed',
  frame: 'frames are not allowed',
  frameset: 'frames are not allowed',
  object: 'embedded objects are not allowed',
  embed: 'embedded objects are not allowed',
  applet: 'embedded objects are not allowed',
  param: 'embedded objects are not allowed',
  portal: 'embedded pages are not allowed',
  template: 'templates are filled by scripts, which never run in a book',
  noembed: 'embedded objects are not allowed',
  noframes: 'frames are not allowed',
  form: 'forms are not allowed',
  input: 'forms are not allowed',
  button: 'forms are not allowed',
  select: 'forms are not allowed',
  option: 'forms are not allowed',
  textarea: 'forms are not allowed',
  svg: 'inline SVG can carry scripts; save it as an .svg file and use it as an image',
  math: 'inline MathML is not rendered',
  audio: 'media are not allowed',
  video: 'media are not allowed',
  source: 'media are not allowed',
  track: 'media are not allowed',
  canvas: 'canvases are drawn by scripts, which never run in a book',
  dialog: 'dialogs are opened by scripts, which never run in a book',
};

/** Removed elements whose content is not text for a reader either: it goes with them. */
const droppedWithContent = new Set([
  'script',
  'style',
  'template',
  'title',
  'iframe',
  'frame',
  'frameset',
  'noembed',
  'noframes',
  'noscript',
  'textarea',
  'select',
  'option',
]);

/** Elements that stand as blocks of their own: their text does not run on into its neighbours'. */
const blockElements = new Set(
  (
    'address article aside blockquote center dd dir div dl dt fieldset footer form h1 h2 h3 h4 h5 h6 header hgroup hr ' +
    'legend li main menu nav ol pre section table tbody td tfoot th thead tr ul caption figure figcaption details summary p'
  ).split(' '),
);

export type ElementVerdict =
  | { kind: 'allowed'; attributes: readonly string[] }
  | { kind: 'unsafe'; why: string; keepText: boolean }
  | { kind: 'unknown' };

/** What becomes of an element, by its (lower-case) name. */
export function elementVerdict(name: string): ElementVerdict {
  const attributes = allowedElements[name];
  if (attributes) return { kind: 'allowed', attributes };
  const why = unsafeElements[name];
  if (why !== undefined) return { kind: 'unsafe', why, keepText: !droppedWithContent.has(name) };
  return { kind: 'unknown' };
}

export function isBlockElement(name: string): boolean {
  return blockElements.has(name);
}

/** Why an attribute that can run or load something is removed, whatever element carries it. */
export function unsafeAttribute(name: string, value: string): string | undefined {
  if (/^on/i.test(name)) return 'event handlers never run in a book';
  if (/^(xlink:href|formaction|action|srcdoc|srcset|background|poster|data|codebase|dynsrc|lowsrc)$/i.test(name)) {
    return 'it can load or run something';
  }
  // Where any element takes a URL (<area href>, <blockquote cite>), a script's scheme is named as such.
  const scheme = /^(href|src|cite|longdesc|usemap|ping|manifest)$/i.test(name) ? urlScheme(value) : undefined;
  if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data') return `${scheme}: URLs are not allowed`;
  return undefined;
}

/** Schemes a link may use; anything else, `javascript:` first, is removed. */
const linkSchemes = new Set(['http', 'https', 'mailto']);

/**
 * The scheme of a URL as a browser would read it: entities are decoded by the
 * parser already; the URL parser then drops leading and trailing controls and
 * spaces and every tab and line break, so `java&#x09;script:` is `javascript:`.
 * Every other control or invisible character is dropped too, to be safe.
 */
export function urlScheme(url: string): string | undefined {
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
}

/** The scheme of an href that must not stay, or undefined when it may (web, mail, a place in the book). */
export function unsafeHref(href: string): string | undefined {
  const scheme = urlScheme(href);
  return scheme === undefined || linkSchemes.has(scheme) ? undefined : scheme;
}

/**
 * The scheme of an image source that must not stay, or undefined when the source
 * goes to the book's resolver (which refuses remote and absolute paths with errors
 * of its own, as for Markdown images).
 */
export function unsafeImageSource(src: string): string | undefined {
  const scheme = urlScheme(src);
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'file' ? undefined : scheme;
}

/** An image width as written: pixels (`300`, `300px`) or a share of the text width (`50%`). */
export interface ImageWidth {
  value: number;
  unit: 'px' | '%';
}

/** A `width` or `height` attribute as a length, or undefined when it is not one Octavo can honour. */
export function parseLength(value: string): ImageWidth | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(px|%)?\s*$/i.exec(value);
  if (!match) return undefined;
  const number = Number(match[1]);
  const unit = match[2] === '%' ? '%' : 'px';
  if (!(number > 0) || (unit === '%' && number > 100) || (unit === 'px' && number > 20000)) return undefined;
  return { value: number, unit };
}
