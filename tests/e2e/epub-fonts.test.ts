import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { fontFamilies } from '../../styles/fonts.js';
import { copyManuscript, tempDir } from '../helpers/books.js';
import { readEpub, xhtmlText } from '../helpers/epub.js';
import { epubcheck } from '../helpers/tools.js';

async function epubOf(book: string) {
  const result = await build({ input: book, formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
  const file = result.outputs[0]?.path ?? '';
  return { result, file, bytes: readFileSync(file), epub: await readEpub(readFileSync(file)) };
}

function withFonts(theme = 'classic'): string {
  const book = copyManuscript();
  const yaml = path.join(book, 'book.yaml');
  writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}theme: ${theme}\nepub:\n  embedFonts: true\n`);
  // Greek and Polish in the text, italic and bold, and code: every face has something to keep.
  const article = path.join(book, 'article.md');
  writeFileSync(
    article,
    `${readFileSync(article, 'utf8')}\n*Zażółć gęślą jaźń*, **λόγος**, ***ﬁn*** and \`x => y\`.\n`,
  );
  return book;
}

describe('epub.embedFonts', () => {
  test('off by default: no font in the EPUB', async () => {
    const { epub } = await epubOf(copyManuscript());
    expect(epub.names.filter((name) => /\.(ttf|otf|woff2?)$/.test(name))).toEqual([]);
    expect(await epub.text('OEBPS/style.css')).not.toContain('@font-face');
  });

  test('on: the theme’s faces, cut to the characters the book uses, declared in the OPF and the CSS; EPUBCheck passes', async () => {
    const { file, epub, result } = await epubOf(withFonts());
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    const fonts = epub.names.filter((name) => name.endsWith('.ttf')).sort();
    expect(fonts).toEqual([
      'OEBPS/fonts/jetbrains-mono-normal-normal.ttf',
      'OEBPS/fonts/literata-bold-italic.ttf',
      'OEBPS/fonts/literata-bold-normal.ttf',
      'OEBPS/fonts/literata-normal-italic.ttf',
      'OEBPS/fonts/literata-normal-normal.ttf',
    ]);
    const opf = await epub.text('OEBPS/content.opf');
    const css = await epub.text('OEBPS/style.css');
    for (const name of fonts) {
      const href = name.replace('OEBPS/', '');
      expect(opf).toContain(`href="${href}" media-type="font/ttf"`);
      expect(css).toContain(`src: url("${href}");`);
    }
    expect(css.startsWith('@charset "UTF-8";\n')).toBe(true);

    // Each face draws every character of the text and is a small part of the original.
    const text = xhtmlText(await epub.text('OEBPS/ch01.xhtml'));
    const original = fontFamilies.Literata?.faces()[0]?.file ?? '';
    for (const name of fonts.filter((n) => n.includes('literata'))) {
      const font = create(Buffer.from(await epub.bytes(name))) as Font;
      const lacking = [...new Set(text)].filter(
        (c) => !/\s/.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0),
      );
      expect(lacking, name).toEqual([]);
      expect(font.hasGlyphForCodePoint('Ж'.codePointAt(0) ?? 0), 'a letter the book does not use is cut').toBe(false);
      expect((await epub.bytes(name)).byteLength).toBeLessThan(statSync(original).size / 3);
    }
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
  });

  test('a sans theme embeds its own faces; two builds give the same bytes', async () => {
    const book = withFonts('modern');
    const first = await epubOf(book);
    expect(first.epub.names.filter((name) => name.endsWith('.ttf')).sort()).toEqual([
      'OEBPS/fonts/jetbrains-mono-normal-normal.ttf',
      'OEBPS/fonts/source-sans-3-bold-italic.ttf',
      'OEBPS/fonts/source-sans-3-bold-normal.ttf',
      'OEBPS/fonts/source-sans-3-normal-italic.ttf',
      'OEBPS/fonts/source-sans-3-normal-normal.ttf',
    ]);
    const second = await epubOf(book);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });
});
