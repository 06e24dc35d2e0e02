import { fontFamilies } from './fonts.js';
import type { Tokens } from './tokens.js';

/**
 * The EPUB stylesheet, derived from the same tokens as the PDF. Readers let the
 * user pick the text size, so every size is in em relative to the body size and
 * the body itself gets none. Only CSS 2.1-era properties: Kindle (KF8/KFX) and
 * older Adobe engines ignore or choke on custom properties, flex, grid and
 * prefixed hyphenation. Text colour and page background are left to the reader
 * so night and sepia modes keep working.
 */
export function epubCss(tokens: Tokens): string {
  const { size, leading, space, colors } = tokens;
  /** A length in points, as em of an element whose font size is `fontPt`. */
  const em = (pt: number, fontPt: number = size.body): string => {
    const value = Math.round((pt / fontPt) * 1000) / 1000;
    return value === 0 ? '0' : `${value}em`;
  };
  // The reader may not have the family: its generic kind keeps a sans theme sans.
  const family = (name: string): string => `"${name.replace(/["\\]/g, '')}", ${fontFamilies[name]?.generic ?? 'serif'}`;
  const justify = tokens.text.align === 'justify';

  const headings = size.headings
    .map(
      (pt, i) => `h${i + 1} {
  font-size: ${em(pt)};
  margin: ${em(space.headingBefore, pt)} 0 ${em(space.headingAfter, pt)} 0;
}`,
    )
    .join('\n');

  return `@charset "UTF-8";

body {
  font-family: ${family(tokens.fonts.body)};
  line-height: ${leading.body};
  margin: 0;
  padding: 0;
}

p {
  margin: ${em(space.paragraph)} 0 0 0;
  text-align: ${tokens.text.align};${justify ? '\n  hyphens: auto;' : ''}
  orphans: 2;
  widows: 2;
}

p + p { text-indent: ${em(tokens.text.firstLineIndent)}; }

h1, h2, h3, h4, h5, h6 {
  font-family: ${family(tokens.fonts.heading)};
  font-weight: bold;
  line-height: ${leading.heading};
  text-align: left;
  hyphens: manual;
  page-break-after: avoid;
  page-break-inside: avoid;
}

${headings}

h1:first-child, h2:first-child, h3:first-child { margin-top: 0; }

.title-block {
  text-align: center;
  margin: 0 0 ${em(space.headingBefore * 2)} 0;
}

.title-block p {
  text-align: center;
  text-indent: 0;
  margin: ${em(space.block)} 0 0 0;
}

.title-block .book-title {
  font-size: ${em(size.title)};
  margin: ${em(space.headingBefore, size.title)} 0 ${em(space.headingAfter, size.title)} 0;
  text-align: center;
}

.title-block .subtitle { font-size: ${em(size.subtitle)}; }

.title-block .author {
  font-size: ${em(size.subtitle)};
  margin-top: ${em(space.headingBefore, size.subtitle)};
}

.title-block .date { color: ${colors.muted}; }

a {
  color: ${colors.link};
  text-decoration: none;
}

code, pre { font-family: ${family(tokens.fonts.mono)}; }

code { font-size: ${em(size.code)}; }

pre {
  font-size: ${em(size.code)};
  line-height: ${leading.code};
  background-color: ${colors.codeBackground};
  margin: ${em(space.block, size.code)} 0;
  padding: 0.5em;
  white-space: pre-wrap;
  word-wrap: break-word;
  overflow-wrap: break-word;
  text-align: left;
  page-break-inside: avoid;
}

${syntaxRules(tokens)}

/* The size is already set on pre; code inside must not shrink it twice. */
pre code, h1 code, h2 code, h3 code, h4 code, h5 code, h6 code { font-size: 1em; }

blockquote {
  margin: ${em(space.block)} 0 ${em(space.block)} ${em(tokens.indent / 2)};
  padding: 0 0 0 ${em(tokens.indent / 2)};
  border-left: 0.2em solid ${colors.quoteBar};
}

ul, ol {
  margin: ${em(space.block)} 0;
  padding: 0 0 0 ${em(tokens.indent)};
}

li > ul, li > ol { margin: 0; }

li p, blockquote p { text-indent: 0; }

li.task-list-item { list-style-type: none; }

hr {
  border: 0;
  border-top: thin solid ${colors.rule};
  margin: ${em(space.block * 2)} 25%;
}

table {
  border-collapse: collapse;
  margin: ${em(space.block)} 0;
  font-size: ${em(size.small)};
}

th, td {
  border: thin solid ${colors.rule};
  padding: 0.25em 0.5em;
  vertical-align: top;
}

th { font-weight: bold; }

.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }

img {
  max-width: 100%;
  height: auto;
}

figure {
  margin: ${em(space.block)} 0;
  text-align: center;
  page-break-inside: avoid;
}

figcaption {
  font-size: ${em(size.small)};
  color: ${colors.muted};
  margin-top: 0.5em;
}

figcaption .figure-label { font-weight: bold; }

sup, sub {
  font-size: 0.75em;
  line-height: 0;
}

sup { vertical-align: super; }

sub { vertical-align: sub; }

kbd {
  font-family: ${family(tokens.fonts.mono)};
  font-size: ${em(size.code)};
  background-color: ${colors.codeBackground};
  border: thin solid ${colors.rule};
  border-radius: 0.2em;
  padding: 0 0.2em;
}

details {
  margin: ${em(space.block)} 0 ${em(space.block)} ${em(tokens.indent / 4)};
  padding: 0 0 0 ${em(tokens.indent * 0.75)};
  border-left: thin solid ${colors.rule};
}

summary { font-weight: bold; }

.footnotes {
  margin-top: ${em(space.block * 2)};
  border-top: thin solid ${colors.rule};
  font-size: ${em(size.small)};
}

.footnotes .notes-heading {
  font-size: ${em(size.headings[3], size.small)};
  margin: ${em(space.block, size.small)} 0 0 0;
}

.footnote p {
  text-indent: 0;
  text-align: left;
}

.cover {
  margin: 0;
  padding: 0;
  text-align: center;
}

.cover img { max-height: 100%; }
`;
}

/**
 * Highlighted code, as the PDF draws it: the colours sit on the code block's own
 * background, so a reader's night mode leaves them readable; weight and slant carry
 * the difference where colour is not shown.
 */
function syntaxRules(tokens: Tokens): string {
  return Object.entries(tokens.syntax)
    .map(([kind, style]) => {
      const rules = [
        `color: ${style.color};`,
        ...(style.bold ? ['font-weight: bold;'] : []),
        ...(style.italic ? ['font-style: italic;'] : []),
      ];
      return `pre .syntax-${kind} { ${rules.join(' ')} }`;
    })
    .join('\n');
}
