import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { repoRoot, tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { imageServer, type ImageServer } from '../helpers/image-server.js';
import { epubcheck } from '../helpers/tools.js';

/** Images in the PDF as `pdfimages -list` gives them: width and height in pixels, and ppi. */
function pdfImages(file: string): { width: number; height: number; ppi: number; type: string }[] {
  const out = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/))
    .map((cols) => ({ type: cols[2] ?? '', width: Number(cols[3]), height: Number(cols[4]), ppi: Number(cols[12]) }))
    .filter((image) => image.type === 'image');
}

describe('GIF, WebP and SVG images in a built book', () => {
  let dir: string;
  let pdf: string;
  let epub: string;

  beforeAll(async () => {
    dir = path.join(tempDir(), 'book');
    cpSync(path.join(repoRoot, 'tests/fixtures/image-formats'), dir, { recursive: true });
    const result = await build({ input: path.join(dir, 'input.md'), outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    pdf = result.outputs.find((o) => o.format === 'pdf')?.path ?? '';
    epub = result.outputs.find((o) => o.format === 'epub')?.path ?? '';
  }, 120_000);

  test('the PDF draws each: GIF and WebP at their pixels, the SVG rasterised at 300 dpi at its printed width', () => {
    const images = pdfImages(pdf);
    expect(images.map(({ width, height }) => `${width}×${height}`)).toEqual([
      '480×240',
      '480×240',
      // 360 px at 96 dpi prints 270 pt wide: 3.75 in at 300 dpi.
      '1125×563',
      '120×60',
    ]);
    expect(images[2]?.ppi).toBe(300);
  });

  test('the EPUB carries the GIFs and the sanitised SVG as they are, the WebP as a PNG, and passes EPUBCheck', async () => {
    const book = await readEpub(readFileSync(epub));
    const images = book.names.filter((name) => /\/img-\d+-/.test(name)).sort();
    expect(images.map((name) => name.replace(/^.*\//, ''))).toEqual([
      'img-001-chart.gif',
      'img-002-chart.png',
      'img-003-diagram.svg',
      'img-004-blink.gif',
    ]);
    const svg = await book.text(images.find((name) => name.endsWith('.svg')) ?? '');
    expect(svg).not.toMatch(/script|onload|onclick|foreignObject|DOCTYPE|ENTITY|example\.com|other\.svg|<image/);
    const opf = await book.text(book.names.find((name) => name.endsWith('.opf')) ?? '');
    expect(opf).toMatch(/href="images\/img-\d+-diagram\.svg" media-type="image\/svg\+xml"/);
    expect(opf).toMatch(/href="images\/img-\d+-chart\.png" media-type="image\/png"/);
    const check = epubcheck(epub);
    expect([check.errors, check.warnings], check.output).toEqual([0, 0]);
  }, 120_000);
});

describe('an SVG never reaches the network', () => {
  let server: ImageServer;
  beforeAll(async () => {
    server = await imageServer();
  });
  afterAll(() => server.close());

  test('no reference in an SVG makes a connection, neither while building the PDF nor the EPUB', async () => {
    const o = server.origin;
    const dir = path.join(tempDir(), 'book');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'drawing.svg'),
      `<?xml-stylesheet href="${o}/pi.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
  <style>@import url("${o}/import.css"); rect { fill: url(${o}/fill.svg#p) }</style>
  <image width="50" height="50" xlink:href="${o}/x.png"/>
  <image width="50" height="50" href="${o}/y.png"/>
  <use xlink:href="${o}/use.svg#a"/>
  <rect width="10" height="10" fill="url(${o}/paint.svg#p)" style="stroke: url('${o}/stroke.svg#s')"/>
  <filter id="f"><feImage href="${o}/filter.png"/></filter>
  <a href="${o}/link"><circle r="5"/></a>
</svg>`,
    );
    writeFileSync(path.join(dir, 'book.yaml'), 'title: Reaching out\nchapters: [one.md]\n');
    writeFileSync(path.join(dir, 'one.md'), '# One\n\n![A drawing](drawing.svg)\n');
    const result = await build({ input: dir, outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    expect(result.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(
      Array.from({ length: 9 }, () => 'html-removed'),
    );
    expect(server.requests).toEqual([]);
    expect(server.connections).toBe(0);
  }, 120_000);
});
