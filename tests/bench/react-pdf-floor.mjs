// The floor: react-pdf alone, 200 chapters of the article's paragraphs, one Page each,
// built-in Helvetica, no header, footer, hyphenation, contents or links.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire('/work/main/package.json');
const { Document, Page, Text, Font, renderToBuffer } = await import(require.resolve('@react-pdf/renderer'));
const font = process.argv[3] === 'literata';
if (font) Font.register({ family: 'Literata', src: require.resolve('@expo-google-fonts/literata/400Regular/Literata_400Regular.ttf') });
Font.registerHyphenationCallback((w) => [w]);
const { createElement: h } = require('react');
const paragraphs = readFileSync('/work/main/manuscript/article.md', 'utf8').split(/\n\n+/).map((p) => p.replace(/^#+ /, ''));
const chapters = Number(process.argv[2] ?? 200);
const doc = h(Document, null, ...Array.from({ length: chapters }, (_, i) =>
  h(Page, { key: i, size: 'A4', style: { padding: 72, fontFamily: font ? 'Literata' : 'Helvetica', fontSize: 11, lineHeight: 1.45 } },
    ...paragraphs.map((p, j) => h(Text, { key: j, style: { marginBottom: 6, textAlign: 'justify' } }, p)))));
const t = performance.now();
const buf = await renderToBuffer(doc);
const ms = performance.now() - t;
const pages = buf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g).length;
console.log(JSON.stringify({ chapters, pages, ms: Math.round(ms), msPerPage: +(ms / pages).toFixed(1) }));
