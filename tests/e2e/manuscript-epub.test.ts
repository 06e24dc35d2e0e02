import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../src/core/build.js';
import { copyManuscript, manuscriptBlocks, manuscriptDir, tempDir } from '../helpers/books.js';
import { readEpub, xhtmlText } from '../helpers/epub.js';
import { normalizeText } from '../helpers/pdf.js';
import { epubcheck } from '../helpers/tools.js';

describe('the shipped manuscript as EPUB', () => {
  let result: BuildResult;
  let file: string;
  let epub: Awaited<ReturnType<typeof readEpub>>;

  beforeAll(async () => {
    result = await build({ input: manuscriptDir, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '' });
    file = result.outputs[0]?.path ?? '';
    epub = await readEpub(readFileSync(file));
  });

  test('passes EPUBCheck with no error and no warning', () => {
    expect(result.ok).toBe(true);
    const check = epubcheck(file);
    expect(check.errors, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
  });

  test('starts with an uncompressed mimetype, then one file per chapter', () => {
    expect(epub.names[0]).toBe('mimetype');
    const bytes = readFileSync(file);
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0); // compression method: stored
    expect(epub.names.filter((name) => name.endsWith('.xhtml')).sort()).toEqual([
      'OEBPS/ch01.xhtml',
      'OEBPS/cover.xhtml',
      'OEBPS/toc.xhtml',
    ]);
  });

  test('every paragraph and subhead of the article appears, in order', async () => {
    const text = normalizeText(xhtmlText(await epub.text('OEBPS/ch01.xhtml')));
    let from = 0;
    for (const block of manuscriptBlocks()) {
      const at = text.indexOf(normalizeText(block), from);
      expect(at, block.slice(0, 60)).toBeGreaterThanOrEqual(from);
      from = at + block.length;
    }
  });

  test('metadata comes from book.yaml; no date is "now"', async () => {
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:title id="title">A State Visit and a Selfie</dc:title>');
    expect(opf).toMatch(/<dc:creator id="creator1">Octavo Newsroom<\/dc:creator>/);
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:date>2026-01-05</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-01-05T00:00:00Z</meta>');
    expect(opf).toMatch(/<dc:description>South Korean President Lee Jae Myung shares a selfie/);
    expect(opf).toMatch(
      /<dc:identifier id="[^"]+">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/,
    );
    expect(opf).toContain('<dc:publisher>Octavo</dc:publisher>');
    expect(opf).not.toContain('dc:rights');
  });

  test('the table of contents nests the subheads under the title, in nav and NCX', async () => {
    const nav = await epub.text('OEBPS/toc.xhtml');
    const toc = nav.slice(nav.indexOf('epub:type="toc"'), nav.indexOf('</nav>'));
    expect(toc.replace(/\s+/g, ' ')).toContain(
      '<li><a href="ch01.xhtml">A State Visit and a Selfie</a> <ol> ' +
        '<li><a href="ch01.xhtml#a-selfie-for-the-history-books">A Selfie for the History Books</a></li> ' +
        '<li><a href="ch01.xhtml#banter-and-backdoor-jokes">Banter and “Backdoor” Jokes</a></li> ' +
        '<li><a href="ch01.xhtml#strategic-talks-amid-global-turbulence">Strategic Talks Amid Global Turbulence</a></li> </ol> </li>',
    );
    const ncx = await epub.text('OEBPS/toc.ncx');
    expect(ncx.match(/<navPoint /g)).toHaveLength(4);
    expect(ncx).toMatch(
      /<navPoint id="[^"]+" playOrder="1">\s*<navLabel><text>A State Visit and a Selfie<\/text><\/navLabel>\s*<content src="ch01.xhtml"\/>\s*<navPoint id="[^"]+" playOrder="2">/,
    );
  });

  test('language and dates follow the book, not the library defaults', async () => {
    const book = copyManuscript();
    const yaml = path.join(book, 'book.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace('lang: en', 'lang: de-AT').replace('publisher: Octavo\n', ''),
    );
    const built = await build({ input: book, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '1767571200' });
    const other = await readEpub(readFileSync(built.outputs[0]?.path ?? ''));
    const opf = await other.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:language>de-AT</dc:language>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-01-05T00:00:00Z</meta>');
    expect(opf).not.toContain('publisher');
    expect(await other.text('OEBPS/ch01.xhtml')).toContain('lang="de-AT" xml:lang="de-AT"');
    expect(await other.text('OEBPS/ch01.xhtml')).toContain('<p class="date">5. Jänner 2026</p>');
  });
});

describe('accessibility metadata, from what the book holds', () => {
  const metaOf = async (input: string): Promise<string[]> => {
    const result = await build({ input, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
    const epub = await readEpub(readFileSync(result.outputs[0]?.path ?? ''));
    const opf = await epub.text('OEBPS/content.opf');
    return [...opf.matchAll(/<meta property="schema:(\w+)">([^<]*)<\/meta>/g)].map((m) => `${m[1]}: ${m[2]}`);
  };

  test('text only: textual, sufficient, no alternativeText to claim', async () => {
    const meta = await metaOf(manuscriptDir);
    expect(meta.filter((m) => !m.startsWith('accessibilitySummary'))).toEqual([
      'accessMode: textual',
      'accessModeSufficient: textual',
      'accessibilityFeature: tableOfContents',
      'accessibilityFeature: readingOrder',
      'accessibilityFeature: structuralNavigation',
      'accessibilityFeature: displayTransformability',
      'accessibilityHazard: none',
    ]);
    expect(meta.at(-1)).toMatch(
      /^accessibilitySummary: A reflowable EPUB 3 .* Apart from the cover, whose text alternative is the title, it has no images\.$/,
    );
  });

  test('images all described: visual too, alternativeText claimed; one without alt: not', async () => {
    const book = copyManuscript();
    const png = readFileSync(path.join(import.meta.dirname, '../fixtures/images/images/figure.png'));
    writeFileSync(path.join(book, 'figure.png'), png);
    const article = path.join(book, 'article.md');
    const source = readFileSync(article, 'utf8');
    writeFileSync(article, `${source}\n![The title block](figure.png)\n`);
    const described = await metaOf(book);
    expect(described).toContain('accessMode: visual');
    expect(described).toContain('accessModeSufficient: textual');
    expect(described).toContain('accessibilityFeature: alternativeText');
    expect(described.at(-1)).toMatch(/Every image \(1\) has a text alternative\.$/);
    writeFileSync(article, `${source}\n![](figure.png)\n`);
    const bare = await metaOf(book);
    expect(bare).not.toContain('accessibilityFeature: alternativeText');
    expect(bare).not.toContain('accessModeSufficient: textual');
    expect(bare).toContain('accessModeSufficient: textual,visual');
    expect(bare.at(-1)).toMatch(/Its image has no text alternative\.$/);
  });
});
