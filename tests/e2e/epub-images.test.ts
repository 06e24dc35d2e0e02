import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import type { Book } from '../../src/types/book.js';
import { budget, checkEpubSize } from '../../src/writers/epub/images.js';
import { tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { epubcheck } from '../helpers/tools.js';

/** 6 megapixels, and stored on its side: EXIF orientation 6 turns it upright as 2000 × 3000. */
let photo: Buffer;
/** 2.25 megapixels of noise: a PNG over 5 MB that no compressor can shrink. */
let noise: Buffer;

beforeAll(async () => {
  photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#7a9cc6' } })
    .composite([
      { input: Buffer.from('<svg width="3000" height="2000"><rect width="600" height="2000" fill="#c0392b"/></svg>') },
    ])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const pixels = Buffer.alloc(1500 * 1500 * 3);
  let x = 2463534242; // xorshift32: noise with no pattern for PNG's filters to find
  for (let i = 0; i < pixels.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x >>> 24;
  }
  noise = await sharp(pixels, { raw: { width: 1500, height: 1500, channels: 3 } })
    .png()
    .toBuffer();
});

function bookWith(epubOptions: string): string {
  const dir = path.join(tempDir(), 'book');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'photo.jpg'), photo);
  writeFileSync(path.join(dir, 'noise.png'), noise);
  writeFileSync(path.join(dir, 'book.yaml'), `title: Pictures\nchapters: [one.md]\n${epubOptions}`);
  writeFileSync(
    path.join(dir, 'one.md'),
    '# Pictures\n\nA photograph:\n\n![The harbour at dusk](photo.jpg)\n\nAnd static:\n\n![Static](noise.png)\n',
  );
  return dir;
}

async function epubOf(dir: string) {
  const result = await build({ input: dir, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
  const file = result.outputs[0]?.path ?? '';
  const messages = result.files.flatMap((f) =>
    f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column}: ${m.ruleId}: ${m.reason} (${m.note})`),
  );
  return { result, file, messages, epub: await readEpub(readFileSync(file)) };
}

describe('EPUB size budgets', () => {
  test('an image over 4 megapixels or 5 MB is a warning where it is used; the EPUB carries it as it is', async () => {
    expect(noise.byteLength).toBeGreaterThan(budget.imageBytes);
    const { result, messages, epub } = await epubOf(bookWith(''));
    expect(result.ok).toBe(true);
    expect(messages).toEqual([
      expect.stringMatching(
        /^one\.md:5:1: image-large: Image photo\.jpg is too large for e-reader stores \(3000 × 2000 px, 6\.0 megapixels, [\d.]+ MB; the limit is 4 megapixels\) \(set `epub: \{ downscaleImages: true \}` in book\.yaml/,
      ),
      expect.stringMatching(
        /^one\.md:9:1: image-large: Image noise\.png is too large for e-reader stores \(1500 × 1500 px, 2\.3 megapixels, 6\.\d MB; the limit is 5 MB\) \(export it as a smaller file/,
      ),
    ]);
    const jpeg = epub.names.find((name) => name.endsWith('.jpg')) ?? '';
    expect(Buffer.from(await epub.bytes(jpeg)).equals(photo)).toBe(true);
  });

  test('downscaleImages: the EPUB gets the photograph upright at 4 megapixels, as a JPEG; the PDF keeps it whole', async () => {
    const dir = bookWith('epub:\n  downscaleImages: true\n');
    const { result, file, messages, epub } = await epubOf(dir);
    expect(result.ok).toBe(true);
    // The photograph fits now; the noise is under 4 megapixels and cannot be scaled into 5 MB.
    expect(messages).toEqual([expect.stringMatching(/^one\.md:9:1: image-large: Image noise\.png .* \(export it/)]);
    const jpeg = await epub.bytes(epub.names.find((name) => name.endsWith('.jpg')) ?? '');
    const size = imageSize(jpeg);
    expect(size.type).toBe('jpg');
    expect((size.width ?? 0) * (size.height ?? 0)).toBeLessThanOrEqual(budget.imagePixels);
    expect((size.width ?? 0) * (size.height ?? 0)).toBeGreaterThan(budget.imagePixels * 0.99);
    // Upright: taller than wide, in the 2 : 3 of the turned photograph, with no orientation left to apply.
    expect(Math.abs((size.width ?? 0) / (size.height ?? 1) - 2 / 3)).toBeLessThan(0.002);
    expect((await sharp(jpeg).metadata()).orientation ?? 1).toBe(1);
    // The red band on the stored image's left is at the top once it is upright.
    const top = await sharp(jpeg).extract({ left: 800, top: 20, width: 1, height: 1 }).raw().toBuffer();
    expect(top[0]).toBeGreaterThan(150);
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
    const pdf = await build({ input: dir, formats: ['pdf'], outDir: tempDir(), sourceDateEpoch: '0' });
    expect(pdf.outputs[0]?.bytes).toBeGreaterThan(photo.byteLength);
  });

  test('an EPUB over 50 MB is a warning on book.yaml', () => {
    const metaFile = new VFile({ path: 'book.yaml' });
    const book = { metaFile } as Book;
    checkEpubSize(book, budget.epubBytes);
    expect(metaFile.messages).toEqual([]);
    checkEpubSize(book, budget.epubBytes + 1);
    expect(metaFile.messages.map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([
      'epub-large: The EPUB is 50.0 MB, over the 50.0 MB that stores and Send to Kindle take',
    ]);
  });
});
