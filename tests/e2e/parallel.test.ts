import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadBook, resolveTokens, themes, writePdf, type Book, type Tokens } from '../../src/index.js';
import { bookDocument } from '../../src/writers/pdf/document.js';
import { el, type PdfElement } from '../../src/writers/pdf/element.js';
import { forgetLayouts, layouts, renderInParts, splitBook } from '../../src/writers/pdf/parts.js';
import { renderPdf } from '../../src/writers/pdf/render.js';
import { repoRoot, tempDir } from '../helpers/books.js';
import { namedLinks, readPdf } from '../helpers/pdf.js';
import { qpdfCheck } from '../helpers/tools.js';

/**
 * A book long enough to be laid out in parts (see src/writers/pdf/parts.ts), with
 * what crosses parts: the contents, links and "(p. 9)" to chapters in other parts,
 * footnotes at the page foot, images, and chapters of one to three pages.
 */
function longBook(yaml = '', links = true): string {
  const dir = path.join(tempDir(), 'long');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'tests/fixtures/images/images/photo.jpg'), path.join(dir, 'photo.jpg'));
  const count = 24;
  const names = Array.from({ length: count }, (_, i) => `ch${String(i + 1).padStart(2, '0')}.md`);
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Parts\nauthor: Octavo\nlang: en\ndate: 2026-01-05\n${yaml}chapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  const sentence = 'The basin’s water has been shared out differently every year for a decade now. ';
  names.forEach((name, i) => {
    const other = names[(i * 7 + 11) % count] ?? name;
    const paragraphs = Array.from({ length: 3 + (i % 5) }, (_, p) => sentence.repeat(6 + ((i + p) % 4))).join('\n\n');
    const figure = i % 6 === 0 ? `\n\n![The steps of chapter ${i + 1}](photo.jpg)\n` : '';
    writeFileSync(
      path.join(dir, name),
      `# Chapter ${i + 1}\n\n${links ? `See [the other one](${other}) and its [second part](${other}#part-two).` : 'See the other one.'}[^a]\n\n${paragraphs}${figure}\n\n## Part two\n\n${paragraphs}\n\n[^a]: The note of chapter ${i + 1}.\n`,
    );
  });
  return dir;
}

async function load(dir: string): Promise<{ book: Book; tokens: Tokens }> {
  const { book } = await loadBook(dir);
  if (!book) throw new Error(`${dir} did not load`);
  const style = book.design?.style ?? {};
  return { book, tokens: resolveTokens(themes.classic, style) };
}

describe('a long book laid out in parts, in worker threads', () => {
  // Two-sided: blank pages before chapters and mirrored margins on top of the rest (a
  // one-sided book is compared in the next test).
  test('the same pages as the book laid out whole, and the same bytes from one thread or several', async () => {
    const yaml = 'style:\n  page:\n    twoSided: true\n';
    const { book, tokens } = await load(longBook(yaml));
    // The book is cut in parts, or this test would compare the whole book with itself.
    const split = splitBook(bookDocument(book, tokens), tokens);
    expect(split?.parts.length).toBeGreaterThanOrEqual(2);

    // With page marks (the EPUB's page list): read back from the whole book's file, told by the join for the parts.
    const whole = await writePdf(book, { tokens, whole: true, markPages: true });
    const parallel = await writePdf(book, { tokens, jobs: 2, markPages: true });
    expect(parallel.pageMarks?.length).toBeGreaterThan(100);
    expect(parallel.pageMarks).toEqual(whole.pageMarks);
    expect(whole.warnings ?? []).toEqual([]);
    expect(parallel.warnings ?? []).toEqual([]);

    // What a reader sees: the text of every page (page numbers, running headers and
    // the contents' numbers included), the outline, every link and where it lands.
    const [a, b] = [await readPdf(whole.bytes), await readPdf(parallel.bytes)];
    expect(b.pages.length).toBe(a.pages.length);
    expect(parallel.pages).toBe(whole.pages);
    b.pages.forEach((text, index) => expect(text, `page ${index + 1}`).toBe(a.pages[index]));
    expect(b.outline).toEqual(a.outline);
    expect(b.links).toEqual(a.links);
    expect(b.info).toEqual(a.info);
    expect(await namedLinks(parallel.bytes)).toEqual(await namedLinks(whole.bytes));
    // The contents really has its numbers, and "(p. N)" its pages.
    expect(a.pages.slice(0, 6).join('\n')).toMatch(/Chapter 24[ .]*\d+/);
    expect(a.pages.join('\n')).toMatch(/the other one \(p\. \d+\)/);

    // The parts laid out in two worker threads, the front pages in a third, or all one
    // after the other in this thread, give the same file: both laid out afresh, not
    // the second taken from the first (see `laidOutBefore` in parts.ts).
    forgetLayouts();
    const before = [...layouts.parts];
    const alone = await writePdf(book, { tokens, jobs: 1, markPages: true });
    expect(layouts.parts.every((count, index) => count > (before[index] ?? 0))).toBe(true);
    expect(Buffer.compare(Buffer.from(alone.bytes), Buffer.from(parallel.bytes))).toBe(0);

    const file = path.join(tempDir(), 'parts.pdf');
    writeFileSync(file, parallel.bytes);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
  }, 240_000);
});

describe('a book laid out in parts again (octavo watch, the writer’s rounds)', () => {
  test('only the parts that changed are laid out again, and the pages are those of a fresh whole layout', async () => {
    // No cross-references: a part after a chapter that grows keeps its tree, and must not keep its pages.
    const dir = longBook('', false);
    const first = await load(dir);
    await writePdf(first.book, { tokens: first.tokens, jobs: 2 });
    // How many times each part is laid out from here on (the writer's rounds lay a part out again only when its tree changed).
    let before = [...layouts.parts];
    const since = (): number[] => layouts.parts.map((count, index) => count - (before[index] ?? 0));

    // The same book again: every part, and the front pages, come from the last layout.
    await writePdf(first.book, { tokens: first.tokens, jobs: 2 });
    expect(since()).toEqual([0, 0]);
    expect(layouts.frontKept).toBe(true);

    // One word changed in the last chapter, with letters new to the book: only its part is laid out again.
    before = [...layouts.parts];
    const last = path.join(dir, 'ch24.md');
    writeFileSync(last, readFileSync(last, 'utf8').replace('shared out', 'quizzed out'));
    const edited = await load(dir);
    const again = await writePdf(edited.book, { tokens: edited.tokens, jobs: 2 });
    expect(since()[0]).toBe(0);
    expect(since()[1]).toBeGreaterThan(0);
    const fresh = await writePdf(edited.book, { tokens: edited.tokens, whole: true });
    expect((await readPdf(again.bytes)).pages).toEqual((await readPdf(fresh.bytes)).pages);

    // The first chapter, a rule after each sentence: as much text (so the book is cut where it
    // was), on more pages, which moves every page after it. The part after it keeps
    // its tree, but not its pages.
    before = [...layouts.parts];
    const opening = path.join(dir, 'ch01.md');
    writeFileSync(opening, readFileSync(opening, 'utf8').replaceAll('now. ', 'now.\n\n---\n\n'));
    const grown = await load(dir);
    const moved = await writePdf(grown.book, { tokens: grown.tokens, jobs: 2 });
    expect(moved.pages).toBeGreaterThan(fresh.pages ?? 0);
    expect(since().every((count) => count > 0)).toBe(true);
    const whole = await writePdf(grown.book, { tokens: grown.tokens, whole: true });
    const [a, b] = [await readPdf(whole.bytes), await readPdf(moved.bytes)];
    expect(b.pages).toEqual(a.pages);
    expect(b.outline).toEqual(a.outline);
    expect(b.links).toEqual(a.links);
  }, 240_000);
});

describe('a book laid out in parts on one thread', () => {
  test('front pages that come out longer than they were cut: the parts are numbered again after them', async () => {
    const dir = path.join(tempDir(), 'short');
    mkdirSync(dir);
    const names = ['a.md', 'b.md', 'c.md', 'd.md'];
    writeFileSync(path.join(dir, 'book.yaml'), `title: Short\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`);
    names.forEach((name, i) =>
      writeFileSync(path.join(dir, name), `# Part ${i + 1}\n\n${'The water is shared out. '.repeat(80)}\n`),
    );
    const { book, tokens } = await load(dir);
    const tree = bookDocument(book, tokens);
    const cut = splitBook(tree, tokens, { text: 100, parts: 2 });
    if (!cut) throw new Error('the book was not cut');
    // A last front page with more than a page of text: the parts, numbered after as many
    // front pages as there are Page elements, must be numbered again.
    const pages = cut.front.children as PdfElement[];
    const spill = el('Text', ['paragraph'], ['A preface that runs on. '.repeat(400)]);
    const last = pages[pages.length - 1] as PdfElement;
    const front = {
      ...cut.front,
      children: [...pages.slice(0, -1), { ...last, children: [...(last.children ?? []), spill] }],
    };
    const split = { ...cut, front };

    const inParts = await renderInParts(split, book, tokens, 1);
    const whole = await renderPdf(
      {
        ...tree,
        children: [...(front.children as PdfElement[]), ...split.parts.flatMap((part) => part.children ?? [])],
      },
      book,
      tokens,
    );
    const [a, b] = [await readPdf(whole.bytes), await readPdf(inParts.bytes)];
    expect(inParts.pages).toBeGreaterThan(pages.length + 4);
    expect(b.pages).toEqual(a.pages);
    expect(b.links).toEqual(a.links);
  }, 120_000);
});
