import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { tempDir } from '../helpers/books.js';
import { readEpub, xhtmlText } from '../helpers/epub.js';
import { readPdf } from '../helpers/pdf.js';

/** Three chapters; the third is long, so its second section starts pages after its first. */
function book(): string {
  const dir = path.join(tempDir(), 'xref');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'book.yaml'),
    'title: Cross References\nlang: en\ndate: 2026-01-05\nchapters: [one.md, two.md, three.md]\n',
  );
  const filler = Array.from({ length: 14 }, () =>
    'A paragraph long enough to fill a good part of a line or two. '.repeat(6),
  ).join('\n\n');
  writeFileSync(
    path.join(dir, 'one.md'),
    '# One\n\nFor the details, [see the summit](three.md#the-summit); for the start, [see two](two.md).\n',
  );
  writeFileSync(
    path.join(dir, 'two.md'),
    '# Two\n\nBack to [the first chapter](one.md#one). Ahead, [the long chapter](three.md).\n',
  );
  writeFileSync(path.join(dir, 'three.md'), `# Three\n\n${filler}\n\n## The Summit\n\nIt met at last.\n`);
  return dir;
}

describe('cross-references show the page they point to', () => {
  test.each(['book', 'handout'] as const)(
    'in the %s profile, the page where the target really lands',
    async (profile) => {
      const result = await build({ input: book(), outDir: tempDir(), formats: ['pdf'], profile });
      expect(result.ok).toBe(true);
      const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
      // The book opens with a title page and its contents (which name every heading); the handout on its text.
      const first = pdf.pages.findIndex((page) => page.includes('For the details'));
      expect(first).toBe(profile === 'book' ? 2 : 0);
      const pageOf = (text: string): number => pdf.pages.findIndex((page, i) => i >= first && page.includes(text)) + 1;
      const summit = pageOf('The Summit');
      const two = pageOf('Back to');
      expect(summit).toBeGreaterThan(two);
      const all = pdf.pages.join('\n').replace(/\s+/g, ' ');
      expect(all).toContain(`see the summit (p. ${summit})`);
      expect(all).toContain(`see two (p. ${two})`);
      expect(all).toContain(`the first chapter (p. ${first + 1})`);
      // A chapter that runs over several pages is found on its first one.
      const three = pageOf('Three');
      expect(summit).toBeGreaterThan(three);
      expect(all).toContain(`the long chapter (p. ${three})`);
      // The link lands where its text says.
      expect(pdf.links.filter((link) => link.page === first + 1).map((link) => link.targetPage)).toEqual(
        profile === 'book' ? [summit, two] : [summit, two, 1, three],
      );
    },
  );

  test('the EPUB has no page numbers to show', async () => {
    const result = await build({ input: book(), outDir: tempDir(), formats: ['epub'] });
    const epub = await readEpub(readFileSync(result.outputs[0]?.path ?? ''));
    const text = xhtmlText(await epub.text(epub.names.find((name) => name.endsWith('ch01.xhtml')) ?? ''));
    expect(text).toMatch(/see the summit\s*;/);
    expect(text).not.toContain('(p.');
  });
});

describe('links to a heading mean what they mean on GitHub, where each file has its own ids', () => {
  /** Two chapters with a "Summary" each: the book calls the second `summary-1`, its own file `summary`. */
  function summaries(): string {
    const dir = path.join(tempDir(), 'summaries');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'book.yaml'), 'title: Summaries\nchapters: [one.md, two.md]\n');
    const filler = Array.from({ length: 8 }, () => 'A paragraph that fills part of the page, again. '.repeat(8)).join(
      '\n\n',
    );
    writeFileSync(
      path.join(dir, 'one.md'),
      `# One\n\n[Own summary](#summary), [the next one](two.md#summary), [by its book id](two.md#summary-1).\n\n${filler}\n\n## Summary\n\nOne's.\n`,
    );
    writeFileSync(path.join(dir, 'two.md'), `# Two\n\n[Own summary](#summary).\n\n${filler}\n\n## Summary\n\nTwo's.\n`);
    return dir;
  }

  test('in the EPUB, `#summary` in two.md and `two.md#summary` reach two.md’s Summary; nothing is reported', async () => {
    const result = await build({ input: summaries(), outDir: tempDir(), formats: ['epub'] });
    expect(result.files.flatMap((f) => f.messages.map((m) => m.reason))).toEqual([]);
    const epub = await readEpub(readFileSync(result.outputs[0]?.path ?? ''));
    const hrefs = async (name: string) => [...(await epub.text(name)).matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(await hrefs('OEBPS/ch01.xhtml')).toEqual(['#summary', 'ch02.xhtml#summary-1', 'ch02.xhtml#summary-1']);
    expect(await hrefs('OEBPS/ch02.xhtml')).toEqual(['#summary-1']);
    expect(await epub.text('OEBPS/ch02.xhtml')).toContain('<h2 id="summary-1">Summary</h2>');
  });

  test('in the PDF, each link lands on the page of the Summary it means', async () => {
    const result = await build({ input: summaries(), outDir: tempDir(), formats: ['pdf'] });
    const pdf = await readPdf(readFileSync(result.outputs[0]?.path ?? ''));
    // After the title page and the contents (which list both Summaries).
    const pageOf = (text: string): number => pdf.pages.findIndex((page, i) => i >= 2 && page.includes(text)) + 1;
    const [ones, twos] = [pageOf('One’s.'), pageOf('Two’s.')];
    expect(twos).toBeGreaterThan(ones);
    const from = (page: number) => pdf.links.filter((link) => link.page === page).map((link) => link.targetPage);
    expect(from(3)).toEqual([ones, twos, twos]);
    expect(from(pageOf('Two'))).toContain(twos);
  });
});
