import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { typographicCover } from '../../src/writers/epub/cover.js';
import { classicTheme } from '../../styles/themes/classic.js';
import { modernTheme } from '../../styles/themes/modern.js';
import { copyManuscript, tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { epubcheck } from '../helpers/tools.js';

async function epubOf(book: string) {
  const result = await build({ input: book, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
  const file = result.outputs[0]?.path ?? '';
  return { result, file, epub: await readEpub(readFileSync(file)) };
}

/** Share of the image's pixels that are not the background colour: how much is drawn on it. */
async function inked(png: Uint8Array, background: string): Promise<number> {
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
  let differ = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (
      Math.abs((data[i] ?? 0) - (r ?? 0)) +
        Math.abs((data[i + 1] ?? 0) - (g ?? 0)) +
        Math.abs((data[i + 2] ?? 0) - (b ?? 0)) >
      24
    )
      differ++;
  }
  return differ / (info.width * info.height);
}

describe('the EPUB cover', () => {
  test('a book that names none gets a typographic cover: a 1600 × 2560 PNG marked cover-image, with its title as alt text', async () => {
    const { result, file, epub } = await epubOf(copyManuscript());
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    expect(opf).toContain('<itemref idref="cover"/>');
    const png = await epub.bytes('OEBPS/cover.png');
    expect(imageSize(png)).toMatchObject({ width: 1600, height: 2560, type: 'png' });
    // Text is really drawn on the theme's colour: neither a blank field nor a picture.
    const share = await inked(png, classicTheme.colors.link);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.2);
    expect(await epub.text('OEBPS/cover.xhtml')).toContain(
      '<img src="cover.png" role="doc-cover" alt="A State Visit and a Selfie"/>',
    );
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
  });

  test('the same book gives the same cover bytes; another title or theme gives another cover', async () => {
    const meta = { title: 'A State Visit and a Selfie', authors: ['Octavo Newsroom'], lang: 'en' };
    const bytes = async (m: typeof meta, theme = classicTheme) => {
      const made = await typographicCover(m, theme);
      if (!made.ok) throw new Error(made.missing.join(''));
      return Buffer.from(made.asset.bytes).toString('base64');
    };
    const first = await bytes(meta);
    expect(await bytes(meta)).toBe(first);
    expect(await bytes({ ...meta, title: 'A State Visit' })).not.toBe(first);
    expect(await bytes(meta, modernTheme)).not.toBe(first);
  });

  test('long titles, subtitles and many authors stay inside the cover', async () => {
    const made = await typographicCover(
      {
        title:
          'Ἡ Ὀδύσσεια καὶ ἄλλα ποιήματα: a title long enough to need five lines at the largest size, Pneumonoultramicroscopicsilicovolcanoconiosis',
        subtitle: 'Сборник рассказов о длинных названиях, которые не помещаются на одной строке никогда',
        authors: ['Ana Author', 'Boris Borisovich Writer', 'Chloé Contributor', 'Dmitri Fourth'],
        publisher: 'A Publisher With A Rather Long Name',
        lang: 'en',
      },
      classicTheme,
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    // The frame is 60 px in: nothing may be drawn in the outer band but the background.
    const { default: sharp } = await import('sharp');
    const band = await sharp(made.asset.bytes).extract({ left: 0, top: 0, width: 50, height: 2560 }).png().toBuffer();
    expect(await inked(band, classicTheme.colors.link)).toBe(0);
    const right = await sharp(made.asset.bytes)
      .extract({ left: 1550, top: 0, width: 50, height: 2560 })
      .png()
      .toBuffer();
    expect(await inked(right, classicTheme.colors.link)).toBe(0);
  });

  test('a title the cover fonts cannot draw: no cover with blank boxes, a warning that says what to do', async () => {
    const book = copyManuscript();
    const yaml = path.join(book, 'book.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^title: .*$/m, 'title: 自撮りと国賓'));
    const { result, file, epub } = await epubOf(book);
    expect(result.ok).toBe(true);
    const messages = result.files.flatMap((f) => f.messages.map((m) => `${m.ruleId}: ${m.reason} (${m.note})`));
    expect(messages).toEqual([
      expect.stringMatching(
        /^glyph-missing: No cover was generated: its fonts have no glyph for 自 撮 り と 国 … \(name a cover image in book\.yaml/,
      ),
    ]);
    expect(epub.names).not.toContain('OEBPS/cover.png');
    expect(epubcheck(file).errors).toBe(0);
  });

  test('a cover named in book.yaml is used as it is', async () => {
    const book = copyManuscript();
    const png = readFileSync(path.join(import.meta.dirname, '../fixtures/images/images/figure.png'));
    writeFileSync(path.join(book, 'front.png'), png);
    writeFileSync(
      path.join(book, 'book.yaml'),
      `${readFileSync(path.join(book, 'book.yaml'), 'utf8')}cover: front.png\n`,
    );
    const { epub } = await epubOf(book);
    expect(Buffer.from(await epub.bytes('OEBPS/cover.png')).equals(png)).toBe(true);
  });
});
