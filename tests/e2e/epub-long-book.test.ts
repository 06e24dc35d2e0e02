/**
 * A long book with everything in it, as an EPUB: sixty chapters of sections,
 * images, tables, footnotes, code, CJK and Greek passages, raw HTML and links
 * across chapters. EPUBCheck must find nothing, Calibre must convert it without a
 * remark, and every id must be unique across the book.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { ebookConvert, epubcheck } from '../helpers/tools.js';

const chapters = 60;
const images = path.join(import.meta.dirname, '../fixtures/images/images');

function longBook(): string {
  const dir = path.join(tempDir(), 'long');
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  copyFileSync(path.join(images, 'figure.png'), path.join(dir, 'images/figure.png'));
  copyFileSync(path.join(images, 'photo.jpg'), path.join(dir, 'images/photo.jpg'));
  const names = Array.from({ length: chapters }, (_, i) => `ch${String(i + 1).padStart(2, '0')}.md`);
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: The Long Book\nsubtitle: Everything at once\nauthor: [A. Writer, B. Editor]\nlang: en-GB\ndate: 2026-03-01\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  names.forEach((name, i) => {
    const next = names[(i + 1) % chapters];
    writeFileSync(
      path.join(dir, name),
      `# Chapter ${i + 1}

The water of the basin has been shared differently every year.[^note] See [the next chapter](${next}) and [its summary](${next}#summary).

## Summary

![The basin from the air](images/${i % 2 ? 'photo.jpg' : 'figure.png'} "The basin")

| Year | Share | Note |
|-----:|------:|------|
| 2024 | ${i}% | dry |
| 2025 | ${i + 1}% | wet |

Ἐν ἀρχῇ ἦν ὁ λόγος. 太初有道。 The word <kbd>Ctrl</kbd> and H<sub>2</sub>O.

\`\`\`js
const share = basin.split(${i});
\`\`\`

- [x] measured
- [ ] published

> A quotation, with a [link](https://example.org/${i}).

[^note]: The note of chapter ${i + 1}.
`,
    );
  });
  return dir;
}

describe(`a ${chapters}-chapter book with everything in it`, () => {
  test('passes EPUBCheck, converts to AZW3 without a remark, and every id is unique across the book', async () => {
    const result = await build({ input: longBook(), formats: ['epub'], outDir: tempDir(), sourceDateEpoch: '0' });
    expect(result.ok).toBe(true);
    // Its <kbd> and <sub> render as such: nothing is said.
    const messages = result.files.flatMap((f) => f.messages);
    expect(messages.map((m) => `${m.file}:${m.line}: ${m.reason}`)).toEqual([]);
    const file = result.outputs[0]?.path ?? '';
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
    const kindle = ebookConvert(file);
    expect(kindle.status, kindle.output).toBe(0);
    expect(kindle.remarks, kindle.output).toEqual([]);

    const epub = await readEpub(readFileSync(file));
    const docs = epub.names.filter((name) => /ch\d+\.xhtml$/.test(name));
    expect(docs).toHaveLength(chapters);
    const ids = new Map<string, string>();
    for (const doc of docs) {
      for (const [, id] of (await epub.text(doc)).matchAll(/ id="([^"]+)"/g)) {
        expect(ids.get(id ?? ''), `${id} in ${doc}`).toBeUndefined();
        ids.set(id ?? '', doc);
      }
    }
    // File names inside the EPUB are ASCII.
    expect(epub.names.filter((name) => !/^[\x21-\x7e]+$/.test(name))).toEqual([]);
  }, 120_000);
});
