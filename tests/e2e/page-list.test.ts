import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../../src/index.js';
import { manuscriptDir, sectionedBook, tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { normalizeText, readPdf, type OutlineEntry } from '../helpers/pdf.js';
import { epubcheck } from '../helpers/tools.js';

/** Four chapters of sections long enough that headings fall on many different pages. */
const longBook = (): string => sectionedBook();

/** Heading text → the page of the last page-break marker before it, reading the EPUB in spine order. */
async function epubHeadingPages(file: string): Promise<{ headings: Map<string, number>; markers: number[] }> {
  const epub = await readEpub(readFileSync(file));
  const chapters = epub.names.filter((name) => /ch\d+\.xhtml$/.test(name)).sort();
  const headings = new Map<string, number>();
  const markers: number[] = [];
  for (const name of chapters) {
    const xhtml = await epub.text(name);
    for (const match of xhtml.matchAll(/epub:type="pagebreak"[^>]*aria-label="(\d+)"|<h[1-6][^>]*>([^<]*)</g)) {
      if (match[1]) markers.push(Number(match[1]));
      else if (match[2]) headings.set(match[2], markers.at(-1) ?? 0);
    }
  }
  return { headings, markers };
}

function flatten(entries: OutlineEntry[]): OutlineEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

describe('the EPUB’s page list follows the PDF edition', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await build({ input: longBook(), outDir: tempDir(), sourceDateEpoch: '0' });
  });

  test('every heading sits after the marker of the page where the PDF prints it', async () => {
    expect(result.ok).toBe(true);
    const [pdfFile, epubFile] = result.outputs.map((output) => output.path);
    const pdf = await readPdf(readFileSync(pdfFile ?? ''));
    const outline = flatten(pdf.outline);
    expect(outline.map((entry) => entry.title)).toHaveLength(20);
    const { headings, markers } = await epubHeadingPages(epubFile ?? '');
    for (const entry of outline) expect(headings.get(entry.title), entry.title).toBe(entry.page);
    // One marker per PDF page, in order, and the pages are really different.
    expect(markers).toEqual(Array.from({ length: pdf.pages.length }, (_, i) => i + 1));
    expect(new Set(outline.map((entry) => entry.page)).size).toBeGreaterThan(5);
  });

  test('a page-list nav lists every page, with pageNavigation and the pagination source in the OPF; EPUBCheck passes', async () => {
    const file = result.outputs[1]?.path ?? '';
    const epub = await readEpub(readFileSync(file));
    const nav = await epub.text('OEBPS/toc.xhtml');
    const listed = [
      ...(/<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '').matchAll(/#page-(\d+)">(\d+)</g),
    ];
    expect(listed.map((m) => Number(m[2]))).toEqual(
      Array.from({ length: result.outputs[0]?.pages ?? 0 }, (_, i) => i + 1),
    );
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
    expect(opf).toMatch(
      /<dc:source id="pagination-source">[^<]+<\/dc:source>\n<meta refines="#pagination-source" property="source-of">pagination<\/meta>/,
    );
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
  });

  test('the NCX carries the same pages, and its playOrder rises through TOC and pages in reading order', async () => {
    const epub = await readEpub(readFileSync(result.outputs[1]?.path ?? ''));
    const ncx = await epub.text('OEBPS/toc.ncx');
    const pages = result.outputs[0]?.pages ?? 0;
    const targets = [...ncx.matchAll(/<pageTarget [^>]*value="(\d+)" playOrder="(\d+)">.*?src="([^"]+)"/g)];
    expect(targets.map((m) => Number(m[1]))).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(ncx).toContain(`<meta name="dtb:totalPageCount" content="${pages}"/>`);
    // Reading order: every playOrder in the NCX, sorted by where its target sits in the book.
    const chapters = epub.names.filter((name) => /ch\d+\.xhtml$/.test(name)).sort();
    const texts = new Map(
      await Promise.all(chapters.map(async (n) => [n.replace('OEBPS/', ''), await epub.text(n)] as const)),
    );
    const points = [...ncx.matchAll(/playOrder="(\d+)">.*?src="([^"#]+)#?([^"]*)"/g)].map((m) => {
      const file = m[2] ?? '';
      const at = m[3] ? (texts.get(file)?.indexOf(` id="${m[3]}"`) ?? -1) : 0;
      expect(at, m[0]).toBeGreaterThanOrEqual(0);
      return { order: Number(m[1]), key: chapters.indexOf(`OEBPS/${file}`) * 1e9 + at };
    });
    // Four chapters and their sixteen sections, then the pages.
    expect(points.length).toBe(20 + pages);
    const byPlace = [...points].sort((a, b) => a.key - b.key).map((p) => p.order);
    expect(byPlace).toEqual([...byPlace].sort((a, b) => a - b));
    expect(new Set(byPlace).size).toBe(points.length);
  });

  test('a page that begins inside a paragraph is marked before the next block, not before that paragraph', async () => {
    // The shipped article: its last section's first paragraph runs from page 1 onto page 2.
    const built = await build({ input: manuscriptDir, outDir: tempDir(), sourceDateEpoch: '0' });
    const pdf = await readPdf(readFileSync(built.outputs[0]?.path ?? ''));
    expect(pdf.pages).toHaveLength(2);
    const epub = await readEpub(readFileSync(built.outputs[1]?.path ?? ''));
    const xhtml = await epub.text('OEBPS/ch01.xhtml');
    const after = /aria-label="2"><\/span>\n<p>([^<]{0,40})/.exec(xhtml)?.[1] ?? '';
    // The block after the marker is the first to start on page 2 of the PDF.
    const page2 = normalizeText(pdf.pages[1] ?? '');
    expect(after.length).toBeGreaterThan(20);
    expect(page2).toContain(normalizeText(after));
    expect(normalizeText(pdf.pages[0] ?? '')).not.toContain(normalizeText(after));
  });

  test('an EPUB-only build has no page list unless asked, and then the same one', async () => {
    const input = longBook();
    const plain = await build({ input, outDir: tempDir(), formats: ['epub'], sourceDateEpoch: '0' });
    const asked = await build({ input, outDir: tempDir(), formats: ['epub'], pageList: true, sourceDateEpoch: '0' });
    const nav = async (r: BuildResult) =>
      (await readEpub(readFileSync(r.outputs[0]?.path ?? ''))).text('OEBPS/toc.xhtml');
    expect(await nav(plain)).not.toContain('page-list');
    const both = await readEpub(readFileSync(result.outputs[1]?.path ?? ''));
    expect(await nav(asked)).toBe(await both.text('OEBPS/toc.xhtml'));
  });
});
