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
      const pageOf = (text: string): number => pdf.pages.findIndex((page) => page.includes(text)) + 1;
      const summit = pageOf('The Summit');
      const two = pageOf('Back to');
      expect(summit).toBeGreaterThan(two);
      const all = pdf.pages.join('\n').replace(/\s+/g, ' ');
      expect(all).toContain(`see the summit (p. ${summit})`);
      expect(all).toContain(`see two (p. ${two})`);
      expect(all).toContain('the first chapter (p. 1)');
      // A chapter that runs over several pages is found on its first one.
      const three = pageOf('Three');
      expect(summit).toBeGreaterThan(three);
      expect(all).toContain(`the long chapter (p. ${three})`);
      // The link lands where its text says.
      expect(pdf.links.filter((link) => link.page === 1).map((link) => link.targetPage)).toEqual(
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
