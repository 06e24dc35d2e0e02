/**
 * Arbitrary manuscripts for the property tests: (a) Markdown documents built from
 * the constructs a writer has to handle, in odd combinations and odd characters,
 * and (b) the shipped manuscript and the fixture inputs with bytes flipped,
 * deleted, duplicated and spliced. Each is a book on disk: one .md with front
 * matter, or a folder with book.yaml and chapters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { manuscriptDir, repoRoot } from '../helpers/books.js';

/** A book to build: the files of its folder, by path relative to it, and the file to build. */
export interface Manuscript {
  files: Record<string, Uint8Array>;
  /** `book.md` (a single-file book) or `.` (a folder with book.yaml). */
  input: string;
  /** What it was made from, for the report. */
  origin: string;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A manuscript that prints as its text files (JSON strings, exact when they are
 * UTF-8; base64 when they are not) in fast-check's report, not as arrays of bytes.
 */
function book(files: Record<string, Uint8Array>, input: string, origin: string): Manuscript {
  const shown = (): string => {
    const texts = Object.entries(files).flatMap(([name, bytes]) => {
      if (/\.(png|jpg)$/.test(name)) return [];
      try {
        return [`${name}: ${JSON.stringify(new TextDecoder('utf-8', { fatal: true }).decode(bytes))}`];
      } catch {
        return [`${name} (not UTF-8, base64): ${Buffer.from(bytes).toString('base64')}`];
      }
    });
    return `${origin} (build ${input})\n${texts.join('\n')}`;
  };
  return Object.assign({ files, input, origin }, { [fc.toStringMethod]: shown });
}

// ---------------------------------------------------------------------------
// Characters and text

/** Letters of many scripts, and the characters that trip text handling up. */
const scripts = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'éèêëàçñøåßæœłđþÆØÅÉ',
  ...'ΑλφαβητοΩψ',
  ...'Кириллицаёжщ',
  ...'עבריתשלום',
  ...'العربيةسلام',
  ...'हिन्दीक्षत्र',
  ...'ไทยภาษา',
  ...'中文字漢語',
  ...'日本語かなカナ',
  ...'한국어글',
  ...'ქართული',
  ...'አማርኛ',
  ...'ᠮᠣᠩᠭᠣᠯ',
  '😀',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '👍🏽',
  '𝔘𝔫𝔦',
  '𓀀',
  'e\u0301',
  'a\u0308\u0323',
];
/** Invisible, directional, control and broken characters. */
const oddities = [
  '\u200d', // zero-width joiner
  '\u200c',
  '\u200b',
  '\u200e', // LTR mark
  '\u200f', // RTL mark
  '\u202e', // right-to-left override
  '\u2066',
  '\u2069',
  '\ufeff', // BOM inside the text
  '\u00ad',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\t',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800', // lone surrogates: written to disk as U+FFFD
  '\udfff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\u{10ffff}',
  '\u{e0001}',
  '\u{1d400}',
  '\u0378',
];
const punctuation = [...` .,;:!?'"()-–—…“”‘’«»„/\\@#$%^&*_~+=|<>[]{}\``];

const char = fc.oneof(
  { arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), weight: 30 },
  { arbitrary: fc.constantFrom(...scripts), weight: 4 },
  { arbitrary: fc.constantFrom(...punctuation), weight: 2 },
  { arbitrary: fc.constantFrom(...oddities), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);

const word = fc.oneof(
  { arbitrary: fc.string({ unit: char, minLength: 1, maxLength: 10 }), weight: 400 },
  // Words too long for a line, a page or a table cell.
  { arbitrary: fc.string({ unit: char, minLength: 80, maxLength: 400 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'é', '中', 'w', '-', '/', '\u00ad', '😀'), fc.integer({ min: 200, max: 3000 }))
      .map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
);

/** Plain text: words and spaces, without newlines. */
export const text = fc
  .array(word, { minLength: 1, maxLength: 12 })
  .map((words) => words.join(' ').replace(/[\r\n\u2028\u2029]/g, ' '));

/** Labels of footnotes and references: few, so that calls and definitions meet. */
const label = fc.constantFrom('1', '2', 'note', 'a b', 'Ü', '^', 'x]', '', ' ', 'very-long-label-'.repeat(20));

const url = fc.oneof(
  fc.constantFrom(
    'https://example.com/path?q=1&r=2#frag',
    'http://example.org',
    '#start',
    '#nowhere',
    '#',
    'book.md#start',
    'other.md',
    'article.md#banter-and-backdoor-jokes',
    'mailto:someone@example.com',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    '../../etc/passwd',
    '<>',
    '<a b>',
    'https://例え.jp/パス',
    'https://example.com/a b',
    '%',
    '//example.com',
    'ftp://example.com/x',
    'tel:+123',
  ),
  fc.string({ unit: char, maxLength: 20 }).map((s) => s.replace(/[\s()<>]/g, '')),
);

const imagePath = fc.oneof(
  // Mostly images that are there: a missing one stops the build before the writers.
  { arbitrary: fc.constantFrom('images/figure.png', 'images/photo.jpg', './images/../images/photo.jpg'), weight: 40 },
  fc.constantFrom(
    'images/missing.png',
    'missing.jpg',
    'images/',
    'images',
    'cover.png',
    'book.md',
    '../outside.png',
    '/etc/passwd',
    'https://example.com/x.png',
    'data:image/png;base64,iVBORw0KGgo=',
    'images/figure.png?x=1',
    'images/figure.png#frag',
    'images%2Ffigure.png',
    'IMAGES/FIGURE.PNG',
  ),
  fc.string({ unit: char, maxLength: 12 }).map((s) => `images/${s.replace(/[\s()<>]/g, '')}.png`),
);

const inlineHtml = fc.constantFrom(
  '<span>x</span>',
  '<b>bold</b>',
  '<br>',
  '<br/>',
  '<img src="x" onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- c -->',
  '<?php echo 1; ?>',
  '<![CDATA[ x ]]>',
  '<!DOCTYPE x>',
  '<kbd>Ctrl</kbd>',
  '<sup>2</sup>',
  '<x-custom a=1>',
  '</div>',
  '&amp;',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&#65533;',
  '&bogus;',
  '&lt;script&gt;',
);

// ---------------------------------------------------------------------------
// Inline and block Markdown

const { inline } = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: text, weight: 10 },
    tie('inline').map((s) => `*${s}*`),
    tie('inline').map((s) => `_${s}_`),
    tie('inline').map((s) => `**${s}**`),
    tie('inline').map((s) => `***${s}***`),
    tie('inline').map((s) => `~~${s}~~`),
    fc.tuple(fc.constantFrom('`', '``', '```'), text).map(([tick, s]) => `${tick}${s}${tick}`),
    fc
      .tuple(tie('inline'), url, fc.option(text))
      .map(([s, u, title]) => `[${s}](${u}${title === null ? '' : ` "${title}"`})`),
    fc
      .tuple(text, imagePath, fc.option(text))
      .map(([alt, src, title]) => `![${alt}](${src}${title === null ? '' : ` "${title}"`})`),
    fc.tuple(text, imagePath).map(([alt, src]) => `[![${alt}](${src})](https://example.com)`),
    label.map((l) => `[^${l}]`),
    fc.tuple(tie('inline'), label).map(([s, l]) => `[${s}][${l}]`),
    label.map((l) => `[${l}][]`),
    inlineHtml,
    fc.constantFrom('<https://example.com>', 'www.example.net', 'someone@example.com', '<mailto:a@b.c>'),
    fc.constantFrom('\\\n', '  \n', '\\*', '\\[', '\\', '$x^2$', '[ ]', '[x]', '--', '---', '...', '"', "'"),
    fc.array(tie('inline'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
    fc.array(tie('inline'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join(' ')),
  ),
}));

/** Indent every line after the first (a list item's continuation), or every line. */
const indent = (block: string, by: string, first = by): string =>
  block
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? '' : by) + line)
    .join('\n');

const infoString = fc.oneof(
  fc.constantFrom('', 'js', 'ts {1,3}', 'python title="a b"', '`', '~~~', '{.class #id}', 'mermaid', 'math', '😀'),
  fc.string({ unit: char, maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
);

const codeLines = fc.array(
  fc.oneof(text, fc.constantFrom('', '    indented', '\ttab', '```', '~~~', '</pre>', ']]>')),
  {
    maxLength: 6,
  },
);

const htmlBlock = fc.oneof(
  fc.constantFrom(
    '<div class="box">A <b>block</b> of HTML &amp; an entity</div>',
    '<script>alert(1)</script>',
    '<style>body { display: none }</style>',
    '<!-- an unclosed comment',
    '<table><tr><td>cell</td></tr></table>',
    '<pre>\n  pre\n</pre>',
    '<svg><circle r="1"/></svg>',
    '<math><mi>x</mi></math>',
    '<iframe src="https://example.com"></iframe>',
    '<?xml version="1.0"?>',
    '<!DOCTYPE html>',
    '<![CDATA[ ]]> ]]>',
    '<details><summary>More</summary>\n\nHidden *text*.\n\n</details>',
    '<p>unclosed',
    '</p>',
    '<img src="images/missing.png">',
    '<a name="x"></a>',
    '<center>old</center>',
    '<textarea>\n\n# not a heading\n\n</textarea>',
  ),
  text.map((s) => `<div>\n${s}\n</div>`),
);

const tableCell = fc.oneof(
  inline.map((s) => s.replace(/\n/g, ' ')),
  fc.constantFrom('', ' ', '\\|', '`a|b`', '|'),
);
const table = fc
  .tuple(
    fc.integer({ min: 1, max: 7 }),
    fc.array(fc.constantFrom('---', ':--', '--:', ':-:', '-', ':'), { minLength: 1, maxLength: 8 }),
    fc.array(fc.array(tableCell, { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([columns, aligns, rows, pipes]) => {
    const row = (cells: string[]): string => (pipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    const [head = [], ...body] = rows;
    const header = Array.from({ length: columns }, (_, i) => head[i] ?? `h${i}`);
    return [row(header), row(aligns.slice(0, columns)), ...body.map(row)].join('\n');
  });

const { block } = fc.letrec<{ block: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')), weight: 10 },
    fc
      .tuple(fc.integer({ min: 1, max: 7 }), inline, fc.boolean())
      .map(([level, s, closed]) => `${'#'.repeat(level)} ${s.replace(/\n/g, ' ')}${closed ? ' ##' : ''}`),
    fc
      .tuple(inline, fc.constantFrom('===', '---', '=', '-'))
      .map(([s, underline]) => `${s.replace(/\n/g, ' ')}\n${underline}`),
    fc
      .tuple(
        fc.constantFrom('-', '*', '+', '1.', '1)', '0.', '999999999.', '- [ ]', '- [x]'),
        fc.array(tie('block'), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
      )
      .map(([marker, items, loose]) =>
        items
          .map((item) => indent(item, ' '.repeat(marker.replace(/ \[.\]$/, '').length + 1), `${marker} `))
          .join(loose ? '\n\n' : '\n'),
      ),
    tie('block').map((b) => indent(b, '> ')),
    fc.tuple(tie('block'), tie('block')).map(([a, b]) => indent(`${a}\n\n${b}`, '>')),
    table,
    fc
      .tuple(fc.constantFrom('```', '~~~', '````', '``'), infoString, codeLines, fc.boolean())
      .map(([fence, info, lines, closed]) => [`${fence}${info}`, ...lines, ...(closed ? [fence] : [])].join('\n')),
    codeLines.map((lines) => indent(['code', ...lines].join('\n'), '    ')),
    fc.constantFrom('***', '---', '___', '- - -', '* * *', '-----------'),
    htmlBlock,
    fc
      .tuple(label, inline, fc.option(tie('block')))
      .map(([l, s, more]) => `[^${l}]: ${s}${more === null ? '' : `\n\n${indent(more, '    ')}`}`),
    fc.tuple(label, url, fc.option(text)).map(([l, u, title]) => `[${l}]: ${u}${title === null ? '' : ` '${title}'`}`),
    fc.constantFrom('', '\\', '$$\nx\n$$', ':::note\nx\n:::', '[[wiki]]', '+++\ntoml = 1\n+++', '---\nx: 1\n---'),
  ),
}));

// ---------------------------------------------------------------------------
// Front matter

const yamlScalar = fc.oneof(
  { arbitrary: text, weight: 6 },
  fc.string({ unit: char, maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '~', 'yes', 'no', 'on', '0x1F', '.inf', '.nan', '2026-01-05', '2026-13-45', '12:30:00'),
);
const yamlValue = fc.oneof(
  { arbitrary: yamlScalar, weight: 6 },
  fc.array(yamlScalar, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), yamlScalar, { maxKeys: 3 }),
);

/** A lang tag: the ones the writers know, well-formed ones they do not, and nonsense. */
const lang = fc.oneof(
  fc.constantFrom('en', 'en-GB', 'de', 'fr', 'ja', 'zh-Hans', 'ar', 'he', 'hi', 'th', 'ko', 'ru', 'pt-BR', 'und'),
  fc.constantFrom(
    'x-klingon',
    'i-default',
    'EN_us',
    'zz',
    '',
    'en-',
    '-',
    'a'.repeat(80),
    'sr-Latn-RS',
    'ar-EG-u-nu-arab',
  ),
  fc.string({ unit: char, maxLength: 12 }),
);

const style = fc.record(
  {
    fonts: fc.record(
      { body: fc.constantFrom('Literata', 'Source Sans 3', 'JetBrains Mono', 'Comic Sans'), mono: yamlScalar },
      { requiredKeys: [] },
    ),
    size: fc.record(
      {
        body: fc.oneof(fc.double({ min: -10, max: 200, noNaN: true }), yamlScalar),
        headings: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 8 }),
      },
      { requiredKeys: [] },
    ),
    page: fc.record(
      {
        size: fc.oneof(
          fc.constantFrom('a4', 'letter', 'a5', '6x9', '210x297mm', '8.5x11in', '1x1mm', '99999x99999in', 'big'),
          fc.tuple(fc.integer({ min: -10, max: 20000 }), fc.integer({ min: -10, max: 20000 })),
        ),
        margin: fc.record({ top: fc.integer({ min: -5, max: 400 }), inner: fc.double() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    text: fc.record(
      { align: fc.constantFrom('left', 'justify', 'center'), firstLineIndent: fc.integer({ min: -1, max: 100 }) },
      { requiredKeys: [] },
    ),
    colors: fc.record({ link: fc.constantFrom('#1d4e89', '#fff', 'red', '#zzzzzz', '') }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** The keys of book.yaml with mostly sensible values, and now and then anything at all. */
const meta = fc.record(
  {
    title: fc.oneof({ arbitrary: text, weight: 8 }, yamlValue),
    subtitle: fc.oneof({ arbitrary: text, weight: 4 }, yamlValue),
    author: fc.oneof(text, fc.array(text, { maxLength: 4 }), yamlValue),
    lang,
    date: fc.oneof(fc.constantFrom('2026-01-05', '2026-01', '2026', '2026-02-30', '1', '99999-01-01'), yamlValue),
    description: text,
    publisher: text,
    rights: text,
    identifier: fc.oneof(fc.constantFrom('urn:isbn:9780000000002', 'urn:uuid:x', ''), text),
    theme: fc.oneof(fc.constantFrom('classic', 'modern', 'handout', 'fancy'), yamlValue),
    style: fc.oneof({ arbitrary: style, weight: 4 }, yamlValue),
    epub: fc.record(
      // embedFonts subsets five faces per build: rare, to keep the runs fast.
      {
        // Subsetting five faces costs more than the rest of an EPUB build: rare, to keep the runs fast.
        embedFonts: fc.oneof({ arbitrary: fc.constant(false), weight: 20 }, fc.constant(true), yamlScalar),
        downscaleImages: fc.oneof(fc.boolean(), yamlScalar),
      },
      { requiredKeys: [] },
    ),
    chapters: fc.array(text, { maxLength: 2 }),
    colour: yamlScalar,
  },
  { requiredKeys: [] },
);

/** YAML that the generator of `meta` would never write: escapes, tags, aliases, broken syntax. */
const rawYaml = fc.constantFrom(
  'title: "\\uD800"',
  'title: "a\\x00b\\x1b\\u202e"',
  'title: "\\U0001F600 \\N \\_ \\L \\P"',
  'title: !!binary aGVsbG8=',
  'title: !!js/function "function () {}"',
  'title: !custom x',
  'title: &a Anchored\nsubtitle: *a',
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'title: *undefined',
  'title: [unclosed',
  'title: {a: 1',
  'title:\ttab',
  '\ttitle: x',
  'title: x\ntitle: y',
  '? [a, b]\n: c',
  'title: |\n  multi\n  line',
  'title: >-\n  folded\n  text',
  '%YAML 1.1\n---\ntitle: x',
  '--- !tag',
  'title: 1e400',
  'title: 0o17',
  'title: x # a comment',
  'title: "unterminated',
  "title: 'it''s'",
  '<<: {title: merged}',
  'date: 2026-01-05T25:61:61Z',
  'date: 2026-01-05T12:00:00+14:00',
  'lang: !!int 5',
  'chapters: [../../etc/passwd]',
  'cover: ../outside.png',
  'cover: /etc/passwd',
  'cover: images',
  'cover: book.md',
  'style: {page: {size: [1, 1]}}',
  'style: {page: {margin: {top: 288, bottom: 288}}, size: {body: 96}}',
  'title: x\n...\ntrailing',
  '',
  '---',
  '- a list',
  'just text',
);

/** How a book names its cover: mostly the small PNG on disk (the typographic cover costs a third of a second). */
export type CoverChoice = 'given' | 'generated' | 'random';
const coverChoice = fc.oneof(
  { arbitrary: fc.constant<CoverChoice>('given'), weight: 40 },
  fc.constant<CoverChoice>('generated'),
  fc.constant<CoverChoice>('random'),
);

/** Front matter that a writer gets to see: a title, and the keys a careful author writes. */
/** Text without the characters book.yaml refuses (controls, unpaired surrogates): the rest of `text`'s oddities stay. */
const metaText = text.map(
  (s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu, '').trim() || 'Title',
);

const saneMeta = fc.record(
  {
    title: metaText,
    subtitle: metaText,
    author: fc.oneof(metaText, fc.array(metaText, { minLength: 1, maxLength: 3 })),
    lang: fc.constantFrom('en', 'en-GB', 'de', 'fr', 'ja', 'zh-Hans', 'ar', 'he', 'hi', 'th', 'ko', 'ru', 'pt-BR'),
    date: fc.constantFrom('2026-01-05', '2026-01', '2026', '1999-12-31T23:59:59Z'),
    description: metaText,
    publisher: metaText,
    rights: metaText,
    identifier: fc.constantFrom('urn:isbn:9780000000002', 'urn:uuid:9c2f1d3e-0000-4000-8000-000000000000'),
    theme: fc.constantFrom('classic', 'modern', 'handout'),
    style: fc.record(
      {
        size: fc.record({ body: fc.integer({ min: 4, max: 24 }) }, { requiredKeys: [] }),
        text: fc.record({ align: fc.constantFrom('left', 'justify') }, { requiredKeys: [] }),
        page: fc.record({ size: fc.constantFrom('a4', 'letter', 'a5', '6x9') }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['title'] },
);

const frontMatter = fc
  .tuple(
    fc.oneof({ arbitrary: saneMeta, weight: 10 }, meta),
    coverChoice,
    imagePath,
    fc.oneof({ arbitrary: fc.constant([]), weight: 10 }, fc.array(rawYaml, { minLength: 1, maxLength: 2 })),
    fc.nat({ max: 9 }),
  )
  .map(([values, cover, coverPath, raw, shape]) => {
    const keys: Record<string, unknown> = { ...values };
    if (cover === 'given') keys.cover = 'cover.png';
    if (cover === 'random') keys.cover = coverPath;
    const lines = stringify(keys, { lineWidth: 0 }).trimEnd();
    // Now and then, lines written by hand after (or instead of) the generated ones.
    const body = shape === 0 && raw.length > 0 ? raw.join('\n') : [lines, ...raw].filter(Boolean).join('\n');
    return `---\n${body}\n---\n`;
  });

// ---------------------------------------------------------------------------
// Whole documents

type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';

function withLineEndings(source: string, ending: LineEnding): string {
  if (ending === 'lf') return source;
  if (ending === 'crlf') return source.replace(/\n/g, '\r\n');
  if (ending === 'cr') return source.replace(/\n/g, '\r');
  let n = 0;
  return source.replace(/\n/g, () => ['\n', '\r\n', '\r'][n++ % 3] ?? '\n');
}

/** The images a book on disk holds: the fixture images, and the small PNG used as a cover. */
const fixtureImages = path.join(repoRoot, 'tests/fixtures/images/images');
export const bookImages: Record<string, Uint8Array> = {
  'images/figure.png': readFileSync(path.join(fixtureImages, 'figure.png')),
  'images/photo.jpg': readFileSync(path.join(fixtureImages, 'photo.jpg')),
  'cover.png': readFileSync(path.join(fixtureImages, 'figure.png')),
};

/** (a) A single-file book written from the constructs above. */
export const structuredBook: fc.Arbitrary<Manuscript> = fc
  .tuple(
    fc.oneof({ arbitrary: frontMatter, weight: 12 }, fc.constant(''), fc.constant('---\ntitle: Unclosed\n')),
    fc.array(block, { minLength: 0, maxLength: 14 }),
    fc.constantFrom('\n\n', '\n\n', '\n\n', '\n', '\n\n\n', '\n \n'),
    fc.oneof(
      { arbitrary: fc.constant<LineEnding>('lf'), weight: 12 },
      { arbitrary: fc.constant<LineEnding>('crlf'), weight: 4 },
      fc.constantFrom<LineEnding>('cr', 'mixed'),
    ),
    fc.oneof(
      { arbitrary: fc.constant(''), weight: 16 },
      { arbitrary: fc.constant('\ufeff'), weight: 3 },
      fc.constant('\ufeff\ufeff'),
    ),
  )
  .map(([front, blocks, separator, ending, bom]) =>
    book(
      { ...bookImages, 'book.md': utf8(bom + withLineEndings(front + '\n' + blocks.join(separator), ending)) },
      'book.md',
      'structured',
    ),
  );

// ---------------------------------------------------------------------------
// Mutations

interface Source {
  name: string;
  bytes: Uint8Array;
}

const fixtureDir = path.join(repoRoot, 'tests/fixtures');
const fixtureNames = [
  'blockquotes',
  'code-blocks',
  'footnotes',
  'front-matter',
  'headings',
  'image-missing',
  'images',
  'inline',
  'links',
  'lists',
  'raw-html',
  'tables',
  'thematic-breaks',
];
const article = readFileSync(path.join(manuscriptDir, 'article.md'));
const manuscriptYaml = readFileSync(path.join(manuscriptDir, 'book.yaml'), 'utf8');
const fixtureSources: Source[] = fixtureNames.map((name) => ({
  name: `tests/fixtures/${name}/input.md`,
  bytes: readFileSync(path.join(fixtureDir, name, 'input.md')),
}));
const checkBook = ['one.md', 'two.md'].map((name) => ({
  name,
  bytes: readFileSync(path.join(fixtureDir, 'check-book', name)),
}));
/** The check book's images, and the one it names to be missing, there this time: its chapters can build. */
const checkBookImages: Record<string, Uint8Array> = {
  'images/wide.png': readFileSync(path.join(fixtureDir, 'check-book/images/wide.png')),
  'images/small.png': readFileSync(path.join(fixtureDir, 'check-book/images/small.png')),
  'images/lost.png': readFileSync(path.join(fixtureImages, 'figure.png')),
};
/** Every source a splice can take a fragment from. */
const corpus: Uint8Array[] = [article, ...fixtureSources.map((s) => s.bytes), ...checkBook.map((s) => s.bytes)];

const delimiters = [
  '*',
  '_',
  '[',
  ']',
  '](',
  ')',
  '`',
  '```',
  '~~~',
  '<',
  '>',
  '|',
  '\\',
  '!',
  '![',
  '[^',
  '#',
  '- ',
  '1. ',
  '> ',
  '---\n',
  '\n',
  '\n\n',
  '\r',
  '\t',
  '    ',
  '&',
  '$',
  '~~',
  '\u0000',
  '\ufeff',
  '\u202e',
  '😀',
];

/** Bytes no text encoder writes: a lone surrogate as CESU-8, a UTF-16 BOM, a UTF-8 BOM mid-file, a stray continuation byte. */
const rawBytes = [
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0xef, 0xbb, 0xbf),
  Uint8Array.of(0x80),
];

/** One edit of a byte string; positions are taken modulo its length when applied. */
type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'splice'; source: number; from: number; length: number; to: number }
  | { op: 'insert'; to: number; bytes: Uint8Array };

const position = fc.nat({ max: 1 << 20 });
const span = fc.integer({ min: 1, max: 400 });
// A flipped high bit, a raw byte sequence or random bytes are mostly invalid UTF-8, which stops the build
// at once (text-encoding): seldom, so that most edits reach the writers.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 6 }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.constant(7) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: span }), weight: 6 },
  {
    arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, length: span, to: position }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('splice' as const),
      source: fc.nat({ max: corpus.length - 1 }),
      from: position,
      length: span,
      to: position,
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      to: position,
      bytes: fc.constantFrom(...delimiters).map(utf8),
    }),
    weight: 12,
  },
  {
    arbitrary: fc.record({ op: fc.constant('insert' as const), to: position, bytes: fc.constantFrom(...rawBytes) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      to: position,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
    }),
    weight: 1,
  },
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(input);
  const at = (n: number, length = bytes.length): number => (length === 0 ? 0 : n % length);
  const put = (to: number, piece: Uint8Array): Uint8Array => {
    const i = at(to, bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, i), ...piece, ...bytes.subarray(i)]);
  };
  for (const m of mutations) {
    if (m.op === 'flip') {
      if (bytes.length === 0) continue;
      const i = at(m.at);
      bytes[i] = (bytes[i] ?? 0) ^ (1 << m.bit);
    } else if (m.op === 'delete') {
      const i = at(m.at);
      bytes = Uint8Array.from([...bytes.subarray(0, i), ...bytes.subarray(i + m.length)]);
    } else if (m.op === 'duplicate') {
      const i = at(m.at);
      bytes = put(m.to, bytes.slice(i, i + m.length));
    } else if (m.op === 'splice') {
      const source = corpus[m.source] ?? article;
      const i = at(m.from, source.length);
      bytes = put(m.to, source.slice(i, i + m.length));
    } else {
      bytes = put(m.to, m.bytes);
    }
  }
  return bytes;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

/** The line a book names its cover with: on most books, so that only some draw the typographic cover. */
const coverLine = fc.oneof({ arbitrary: fc.constant('cover: cover.png\n'), weight: 30 }, fc.constant(''));

/** (b) A fixture input (a single-file book) with its bytes edited. */
const mutatedFixture: fc.Arbitrary<Manuscript> = fc
  .tuple(fc.constantFrom(...fixtureSources), coverLine, mutations)
  .map(([source, cover, edits]) => {
    // The cover line goes in before the edits, which may break it like any other line.
    const text = Buffer.from(source.bytes)
      .toString('utf8')
      .replace(/^---\n/, `---\n${cover}`);
    return book({ ...bookImages, 'book.md': mutate(utf8(text), edits) }, 'book.md', `${source.name}, mutated`);
  });

/** (b) The shipped manuscript with article.md edited (book.yaml as shipped). */
const mutatedManuscript: fc.Arbitrary<Manuscript> = fc
  .tuple(coverLine, mutations)
  .map(([cover, edits]) =>
    book(
      { ...bookImages, 'book.yaml': utf8(manuscriptYaml + cover), 'article.md': mutate(article, edits) },
      '.',
      'manuscript/article.md, mutated',
    ),
  );

/** (b) The two-chapter check book with either chapter edited: links and footnotes across chapters. */
const mutatedCheckBook: fc.Arbitrary<Manuscript> = fc.tuple(coverLine, mutations, mutations).map(([cover, one, two]) =>
  book(
    {
      ...bookImages,
      ...checkBookImages,
      'book.yaml': utf8(`title: Two chapters\nlang: en\n${cover}chapters:\n  - one.md\n  - two.md\n`),
      'one.md': mutate(checkBook[0]?.bytes ?? article, one),
      'two.md': mutate(checkBook[1]?.bytes ?? article, two),
    },
    '.',
    'tests/fixtures/check-book, mutated',
  ),
);

/** Every kind of book: half written from constructs, half mutated from real manuscripts. */
export const manuscript: fc.Arbitrary<Manuscript> = fc.oneof(
  { arbitrary: structuredBook, weight: 6 },
  { arbitrary: mutatedFixture, weight: 3 },
  { arbitrary: mutatedManuscript, weight: 2 },
  { arbitrary: mutatedCheckBook, weight: 1 },
);
