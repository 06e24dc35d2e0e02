/**
 * Raw HTML that tries to run, load or submit something (OWASP's XSS filter
 * evasion vectors and their like) is removed at its place with a warning, and
 * nothing of it reaches the EPUB's XHTML or the PDF's links; what is allowed
 * still renders. Each vector is a paragraph of its own, so its warnings are
 * found by its line; each expected warning names the text its column points at.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { checkBook } from '../../src/core/check.js';
import { formatMessages } from '../../src/core/report.js';
import { readEpub } from '../helpers/epub.js';
import { readPdf } from '../helpers/pdf.js';
import { tempDir } from '../helpers/books.js';
import { epubcheck } from '../helpers/tools.js';

const picture = path.join(import.meta.dirname, '../fixtures/html-elements/images/chart.png');

type Expected = [at: string, rule: 'html-removed' | 'html-raw'][];

/** Vectors that leave a buildable book: each with the warnings it must give, by what their column points at. */
const vectors: [html: string, expected: Expected][] = [
  ['<img src="images/pic.png" onerror="alert(1)" alt="Pic" width="100">', [['onerror', 'html-removed']]],
  ['<IMG SRC="images/pic.png" ONERROR="alert(1)" ALT=pic WIDTH=100>', [['ONERROR', 'html-removed']]],
  ['<img src=pic.png onerror=alert(1) alt=pic width=100>', [['onerror', 'html-removed']]],
  // Markdown does not take a slash in an unquoted value for HTML: this is text, and printed as such.
  ['<img src=images/pic.png onerror=alert(1)>', []],
  ['<a href="JaVaScRiPt:alert(1)">mixed case</a>', [['href', 'html-removed']]],
  ['<a href="java&#x09;script:alert(1)">a tab entity</a>', [['href', 'html-removed']]],
  ['<a href="jav&#x0A;ascript:alert(1)">a line feed entity</a>', [['href', 'html-removed']]],
  ['<a href="&#x01; javascript:alert(1)">a control character first</a>', [['href', 'html-removed']]],
  [
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
    [['href', 'html-removed']],
  ],
  ['<a href="javascript&colon;alert(1)">a named entity</a>', [['href', 'html-removed']]],
  ['<a href="  javascript:alert(1)">leading spaces</a>', [['href', 'html-removed']]],
  ['<a href=javascript:alert(1)>no quotes</a>', [['href', 'html-removed']]],
  ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>', [['href', 'html-removed']]],
  ['<a href="vbscript:msgbox(1)">VBScript</a>', [['href', 'html-removed']]],
  ['<a href="https://example.com/" onclick="alert(1)">a good link</a>', [['onclick', 'html-removed']]],
  ['<a href="https://example.com/&quot; onclick=&quot;alert(1)">quotes in a URL</a>', []],
  [
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    [
      ['<svg', 'html-removed'],
      ['onload', 'html-removed'],
    ],
  ],
  [
    '<iframe src="javascript:alert(1)"></iframe>',
    [
      ['<iframe', 'html-removed'],
      ['src=', 'html-removed'],
    ],
  ],
  [
    '<map name="m"><area href="javascript:alert(1)" alt="area"></map>',
    [
      ['<map', 'html-raw'],
      ['<area', 'html-raw'],
      ['href=', 'html-removed'],
    ],
  ],
  [
    '<object data="movie.swf"></object>',
    [
      ['<object', 'html-removed'],
      ['data=', 'html-removed'],
    ],
  ],
  ['<embed src="movie.swf">', [['<embed', 'html-removed']]],
  [
    '<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(1)">Go</button></form>',
    [
      ['<form', 'html-removed'],
      ['action=', 'html-removed'],
      ['<input', 'html-removed'],
      ['<button', 'html-removed'],
      ['formaction', 'html-removed'],
    ],
  ],
  ['<base href="https://evil.example/">', [['<base', 'html-removed']]],
  ['<meta http-equiv="refresh" content="0;url=https://evil.example/">', [['<meta', 'html-removed']]],
  ['<link rel="stylesheet" href="https://evil.example/x.css">', [['<link', 'html-removed']]],
  ['<style>@import url(https://evil.example/x.css);</style>', [['<style', 'html-removed']]],
  [
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    [
      ['<math', 'html-removed'],
      ['xlink:href', 'html-removed'],
    ],
  ],
  ['Obfuscated <scr<script>ipt>alert(1)</script> tags', [['<script', 'html-removed']]],
  ['Nested <<script>script>alert(1)<</script>/script> tags', [['<script', 'html-removed']]],
  ['<template><script>alert(1)</script></template>', [['<template', 'html-removed']]],
  ['<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', [['<noscript', 'html-removed']]],
  [
    '<video><source onerror="alert(1)"></video>',
    [
      ['<video', 'html-removed'],
      ['<source', 'html-removed'],
      ['onerror', 'html-removed'],
    ],
  ],
  ['<img src="images/pic.png" alt="p" width="100" srcset="javascript:alert(1) 1x">', [['srcset', 'html-removed']]],
  [
    '<img src="images/pic.png" alt="p" width="100" style="background:url(javascript:alert(1))">',
    [['<img', 'html-raw']],
  ],
  ['<details open ontoggle="alert(1)"><summary>Folded</summary>Inside</details>', [['ontoggle', 'html-removed']]],
  [
    '<div onmouseover="alert(1)">an unclosed div',
    [
      ['<div', 'html-raw'],
      ['onmouseover', 'html-removed'],
    ],
  ],
  ['An unclosed <em>emphasis', []],
  ['<xmp><script>alert(1)</script></xmp>', [['<xmp', 'html-raw']]],
  ['<!--<img src=x onerror=alert(1)>-->', []],
  ['<!DOCTYPE html>', [['<!DOCTYPE', 'html-removed']]],
  ['<?php echo 1; ?>', [['<?php', 'html-removed']]],
  ['<!ENTITY xxe SYSTEM "file:///etc/passwd">', [['<!ENTITY', 'html-removed']]],
  ['Escaped &lt;script&gt;alert(1)&lt;/script&gt; and `<script>alert(1)</script>` stay text', []],
];

const unsafeElements = new Set(
  'script style iframe frame frameset object embed applet form input button select textarea base meta link svg math template noscript video audio source'.split(
    ' ',
  ),
);

/** Every element of an XHTML document's body, with its attributes. */
function bodyElements(xhtml: string): DefaultTreeAdapterMap['element'][] {
  const found: DefaultTreeAdapterMap['element'][] = [];
  const walk = (node: DefaultTreeAdapterMap['parentNode'], inBody: boolean): void => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      const body = inBody || child.tagName === 'body';
      if (body) found.push(child);
      walk(child, body);
    }
  };
  walk(parse(xhtml), false);
  return found;
}

const safeUrl = (url: string): boolean => {
  const squeezed = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return !/^[a-z][a-z0-9+.-]*:/.test(squeezed) || /^(https?|mailto):/.test(squeezed);
};

function writeBook(lines: string[]): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'images'));
  copyFileSync(picture, path.join(dir, 'images/pic.png'));
  copyFileSync(picture, path.join(dir, 'pic.png'));
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Vectors\n');
  writeFileSync(path.join(dir, 'chapter.md'), `# Vectors\n\n${lines.join('\n\n')}\n`);
  return dir;
}

/** Line of vector `i` in the chapter: a heading, a blank line, then one vector every other line. */
const lineOf = (i: number): number => 3 + 2 * i;

describe('raw HTML attacks', () => {
  const dir = writeBook(vectors.map(([html]) => html));

  test('each is a warning at its place, and a check says what a build says', async () => {
    const built = await build({ input: dir, outDir: tempDir(), sourceDateEpoch: '0' });
    const checked = await checkBook(dir);
    expect(formatMessages(checked.files, dir)).toEqual(formatMessages(built.files, dir));
    const messages = built.files.flatMap((file) => file.messages).filter((m) => /^html-/.test(m.ruleId ?? ''));
    const actual = messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`).sort();
    const expected = vectors
      .flatMap(([html, warnings], i) =>
        warnings.map(([at, rule]) => {
          const column = html.indexOf(at) + 1;
          expect(column, `${at} in ${html}`).toBeGreaterThan(0);
          return `${lineOf(i)}:${column} ${rule}`;
        }),
      )
      .sort();
    expect(actual).toEqual(expected);
    expect(built.files.flatMap((f) => f.messages).filter((m) => m.fatal)).toEqual([]);
  });

  test('nothing of them reaches the EPUB, which passes EPUBCheck, or the PDF', async () => {
    const result = await build({ input: dir, outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    const [pdfOut, epubOut] = result.outputs;
    const epub = await readEpub(readFileSync(epubOut?.path ?? ''));
    const documents = epub.names.filter((name) => name.endsWith('.xhtml'));
    for (const name of documents) {
      for (const element of bodyElements(await epub.text(name))) {
        expect(unsafeElements.has(element.tagName), `<${element.tagName}> in ${name}`).toBe(false);
        for (const attr of element.attrs) {
          expect(attr.name, `<${element.tagName} ${attr.name}> in ${name}`).not.toMatch(/^on/i);
          if (/^(href|src|xlink:href|action|formaction|srcset|data)$/.test(attr.name)) {
            expect(safeUrl(attr.value), `${attr.name}="${attr.value}" in ${name}`).toBe(true);
          }
          expect(attr.value, `${attr.name} in ${name}`).not.toMatch(/javascript|vbscript|evil\.example/i);
        }
      }
    }
    const chapter = await epub.text('OEBPS/ch01.xhtml');
    // What is allowed still renders: the images, the good link, the folded block; escaped text stays text.
    expect(chapter.match(/<img [^>]*src="images\/[^"]+"/g)?.length).toBe(5);
    expect(chapter).toContain('&#x3C;img src=images/pic.png onerror=alert(1)>');
    expect(chapter).toContain('<a href="https://example.com/">a good link</a>');
    expect(chapter).toContain('<details>\n<summary>Folded</summary>');
    expect(chapter).toContain('Escaped &#x3C;script>alert(1)&#x3C;/script> and <code>&#x3C;script>');
    const check = epubcheck(epubOut?.path ?? '');
    expect(check.errors + check.warnings, check.output).toBe(0);

    const bytes = readFileSync(pdfOut?.path ?? '');
    const raw = bytes.toString('latin1');
    const uris = [...raw.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((match) => match[1] ?? '');
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(safeUrl(uri), uri).toBe(true);
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData)\b/);
    const pdf = await readPdf(bytes);
    for (const link of pdf.links) if (link.url !== undefined) expect(safeUrl(link.url), link.url).toBe(true);
    expect(pdf.pages.join('\n')).toContain('Escaped <script>alert(1)</script>');
  });
});

test('an <img> path goes through the book’s resolver: outside the book, absolute, remote or missing is an error', async () => {
  const outer = tempDir();
  const dir = path.join(outer, 'a', 'book');
  mkdirSync(dir, { recursive: true });
  copyFileSync(picture, path.join(outer, 'outside.png'));
  const lines = [
    '<img src="/etc/passwd" alt="a">',
    '<img src="file:///etc/passwd" alt="b">',
    '<img src="../../outside.png" alt="c">',
    '<img src="https://evil.example/x.png" alt="d">',
    '<img src=x onerror=alert(1)>',
  ];
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Paths\n');
  writeFileSync(path.join(dir, 'chapter.md'), `# Paths\n\n${lines.join('\n\n')}\n`);
  const { ok, files } = await checkBook(dir);
  expect(ok).toBe(false);
  const messages = files
    .flatMap((file) => file.messages)
    .map((m) => `${m.line}:${m.column} ${m.ruleId}`)
    .sort();
  expect(messages).toEqual(
    [
      '3:1 image-outside-book',
      '5:1 image-outside-book',
      '7:1 image-outside-book',
      '9:1 image-remote',
      '11:1 image-missing',
      '11:1 image-alt-missing',
      '11:12 html-removed',
    ].sort(),
  );
  const out = tempDir();
  const built = await build({ input: dir, outDir: out, sourceDateEpoch: '0' });
  expect(built.ok).toBe(false);
});
