/**
 * Calibre's EPUB → AZW3 conversion stands in for Kindle's pipeline (Send to
 * Kindle and KDP convert EPUBs with an engine of the same kind): the EPUB must
 * convert with nothing said about its content. The fixture books are converted in
 * fixture-books.test.ts; here, the shipped book with everything an EPUB can carry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { copyManuscript, tempDir } from '../helpers/books.js';
import { ebookConvert } from '../helpers/tools.js';

describe('Calibre converts the EPUB to AZW3 without a remark', () => {
  test('the shipped book: page list, generated cover, fonts, a Greek passage, a footnote, a table and code', async () => {
    const book = copyManuscript();
    const yaml = path.join(book, 'book.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}epub:\n  embedFonts: true\n  downscaleImages: true\n`);
    const article = path.join(book, 'article.md');
    writeFileSync(
      article,
      `${readFileSync(article, 'utf8')}
Ἐν ἀρχῇ ἦν ὁ λόγος.[^1]

| Leader | Country |
|---|---|
| Lee Jae Myung | 대한민국 |

\`\`\`ts
const selfie = take(phone);
\`\`\`

[^1]: A note.
`,
    );
    const result = await build({ input: book, outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    const kindle = ebookConvert(result.outputs[1]?.path ?? '');
    expect(kindle.status, kindle.output).toBe(0);
    expect(kindle.remarks, kindle.output).toEqual([]);
  });

  test('a remark is caught: an EPUB that points at a file it lacks', async () => {
    const result = await build({ input: copyManuscript(), formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
    const file = result.outputs[0]?.path ?? '';
    const zip = await JSZip.loadAsync(readFileSync(file));
    const chapter = (await zip.file('OEBPS/ch01.xhtml')?.async('string')) ?? '';
    zip.file('OEBPS/ch01.xhtml', chapter.replace('</body>', '<p><img src="missing.png" alt="x"/></p></body>'));
    const broken = path.join(tempDir(), 'broken.epub');
    writeFileSync(broken, await zip.generateAsync({ type: 'uint8array' }));
    const kindle = ebookConvert(broken);
    expect(kindle.remarks.join('\n'), kindle.output).toMatch(/missing\.png/);
  });
});
