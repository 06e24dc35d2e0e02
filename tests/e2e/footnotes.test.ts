/**
 * Footnotes at the foot of the page that cites them, read back from the PDF. A
 * generated A5 book cites a note from about every third paragraph, at a word
 * anywhere in it, so references fall on every line of a page, the last ones
 * included. Each note's text opens with a marker word (`N17`), each paragraph's
 * with another (`P17`). One note is too long for a page's foot and one is cited
 * only from another note: both are set after their chapter.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { pseudoRandom, tempDir } from '../helpers/books.js';
import { namedLinks, placedText, readPdf, type NamedLink, type PdfFacts, type PlacedPage } from '../helpers/pdf.js';

const words =
  'the visit turned on a phone given at the summit and a picture taken with it which the whole region saw within hours of its posting'.split(
    ' ',
  );

interface Generated {
  dir: string;
  /** How many notes there are: their markers are N1 to N<notes>. */
  notes: number;
  /** The markers of the notes that must be set after their chapter. */
  atEnd: string[];
}

/** Chapters of paragraphs of 1 to 9 lines (a fixed pseudo-random walk), a note cited from about every third. */
function notedBook(theme: string): Generated {
  const dir = path.join(tempDir(), `notes-${theme}`);
  mkdirSync(dir, { recursive: true });
  const next = pseudoRandom(11);
  let paragraph = 0;
  let note = 0;
  const atEnd: string[] = [];
  const names = Array.from({ length: 5 }, (_, i) => `ch${i + 1}.md`);
  names.forEach((name, c) => {
    const definitions: string[] = [];
    const noteText = (length: number): string =>
      Array.from({ length }, (_, i) => words[(i + note) % words.length]).join(' ');
    const body = Array.from({ length: 14 + next(6) }, () => {
      paragraph++;
      const length = 8 + next(110);
      const text = Array.from({ length }, (_, i) => words[(i + paragraph) % words.length]);
      if (next(3) === 0) {
        note++;
        text.splice(next(length), 0, `cited[^n${note}]`);
        definitions.push(`[^n${note}]: N${note} ${noteText(4 + next(50))}.`);
      }
      return `P${paragraph} ${text.join(' ')}.`;
    });
    if (c === 1) {
      // A note longer than half a page, and one cited only from inside another note.
      note++;
      const long = note;
      note++;
      atEnd.push(`N${long}`, `N${note}`);
      body.push(`P${++paragraph} A long note is cited here[^n${long}] and so on.`);
      definitions.push(
        `[^n${long}]: N${long} ${noteText(240)}.\n\n    ${noteText(240)}.\n\n    Then the note-in-a-note[^n${note}].`,
      );
      definitions.push(`[^n${note}]: N${note} cited only from a note.`);
    }
    writeFileSync(path.join(dir, name), `# Chapter ${c + 1}\n\n${body.join('\n\n')}\n\n${definitions.join('\n\n')}\n`);
  });
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Noted\nlang: en\ndate: 2026-01-05\ntheme: ${theme}\nstyle:\n  page:\n    size: a5\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  return { dir, notes: note, atEnd };
}

interface Read {
  book: Generated;
  placed: PlacedPage[];
  links: NamedLink[];
  facts: PdfFacts;
  /** The size most text is set in. */
  body: number;
}

async function readBook(theme: string): Promise<Read> {
  const book = notedBook(theme);
  const result = await build({ input: book.dir, outDir: tempDir(), formats: ['pdf'] });
  expect(result.ok, JSON.stringify(result.files.flatMap((file) => file.messages.map(String)))).toBe(true);
  expect(result.files.flatMap((file) => file.messages)).toEqual([]);
  const bytes = new Uint8Array(readFileSync(result.outputs[0]?.path ?? ''));
  const placed = await placedText(bytes);
  const counts = new Map<number, number>();
  for (const item of placed.flatMap((page) => page.items)) {
    const size = Math.round(item.size * 10) / 10;
    counts.set(size, (counts.get(size) ?? 0) + item.str.length);
  }
  const body = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  return { book, placed, links: await namedLinks(bytes), facts: await readPdf(bytes), body };
}

/** The page (1-based) each note marker's text is set on. */
function notePages({ placed }: Read): Map<string, number[]> {
  const pages = new Map<string, number[]>();
  placed.forEach((page, i) => {
    for (const item of page.items) {
      const marker = /^N(\d+)\b/.exec(item.str.trim())?.[0];
      if (marker) pages.set(marker, [...(pages.get(marker) ?? []), i + 1]);
    }
  });
  return pages;
}

/** The links from a reference in the text to its note (not a note's way back, not a heading). */
const references = (read: Read): NamedLink[] => read.links.filter((link) => /-fn-/.test(link.dest));

function describeBook(theme: string): void {
  describe(`footnotes at the foot of the page (A5, ${theme})`, () => {
    let read: Read;
    beforeAll(async () => {
      read = await readBook(theme);
    });

    test('every note is set once, and every reference links to it', () => {
      const pages = notePages(read);
      for (let n = 1; n <= read.book.notes; n++) expect(pages.get(`N${n}`), `N${n}`).toHaveLength(1);
      // Every cited note but the one cited from a note is cited from the text.
      expect(references(read).length).toBeGreaterThanOrEqual(read.book.notes - 1);
      for (const link of references(read)) expect(link.targetPage, link.dest).toBeGreaterThan(0);
    });

    test('a note is set on the page its reference is on', () => {
      const atEnd = (link: NamedLink): boolean => read.book.atEnd.some((m) => link.dest.endsWith(`-fn-n${m.slice(1)}`));
      const atFoot = references(read).filter((link) => !atEnd(link));
      expect(atFoot.length).toBeGreaterThan(25);
      for (const link of atFoot)
        // On its page, or, when it does not fit with the lines above it, on the next one.
        expect(link.targetPage - link.page, `${link.dest} cited on page ${link.page}`).toBeOneOf([0, 1]);
      // The next page is the exception.
      const deferred = atFoot.filter((link) => link.targetPage !== link.page);
      expect(deferred.length).toBeLessThanOrEqual(Math.ceil(atFoot.length / 10));
    });

    test('the notes are below the text of their page, inside the bottom margin', () => {
      const pages = notePages(read);
      let checked = 0;
      read.placed.forEach((page, i) => {
        const notes = page.items.filter((item) => /^N\d+\b/.test(item.str.trim()));
        if (notes.length === 0 || read.book.atEnd.some((m) => pages.get(m)?.includes(i + 1))) return;
        const topNote = Math.max(...notes.map((item) => item.y));
        const body = page.items.filter((item) => Math.abs(item.size - read.body) < 0.05 && item.y > page.height / 10);
        const lowestText = Math.min(...body.map((item) => item.y));
        expect(topNote, `page ${i + 1}`).toBeLessThan(lowestText);
        // The classic bottom margin is 72 pt on A4: the notes stay above the page number's band.
        expect(Math.min(...notes.map((item) => item.y)), `page ${i + 1}`).toBeGreaterThan(36);
        checked++;
      });
      expect(checked).toBeGreaterThan(10);
    });

    test('the contents give each chapter the page the outline and the text put it on', () => {
      const chapters = read.facts.outline;
      expect(chapters.length).toBe(5);
      const contents = read.facts.pages.find((page) => /Contents/.test(page)) ?? '';
      for (const entry of chapters) {
        if (theme === 'handout') continue; // a handout has no contents
        const listed = new RegExp(`${entry.title}[\\s.]*(\\d+)`).exec(contents)?.[1];
        expect(Number(listed), entry.title).toBe(entry.page);
        expect(read.facts.pages[entry.page - 1], entry.title).toContain(entry.title);
      }
    });

    test('a note too long for a page’s foot, and a note cited from a note, follow their chapter', () => {
      const pages = notePages(read);
      const [long, nested] = read.book.atEnd;
      const notesHeading = read.placed.findIndex((page) => page.items.some((item) => item.str.trim() === 'Notes'));
      expect(notesHeading).toBeGreaterThan(0);
      expect(pages.get(long ?? '')?.[0]).toBe(notesHeading + 1);
      expect(pages.get(nested ?? '')?.[0]).toBeGreaterThanOrEqual(notesHeading + 1);
    });
  });
}

describeBook('classic');
describeBook('handout');
