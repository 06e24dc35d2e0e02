/**
 * Where a long book's pages break, read back from the PDF: no page ends with a
 * heading or with a heading and one line, no paragraph leaves a single line at
 * the foot of a page (an orphan) or at the head of the next (a widow), and no text
 * leaves the text block. Each paragraph opens with a marker word (`P17`), so a
 * line that starts a paragraph can be told from one that carries it on.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { pseudoRandom, tempDir } from '../helpers/books.js';
import { placedText, readPdf } from '../helpers/pdf.js';

const words =
  'the visit turned on a phone given at the summit and a picture taken with it which the whole region saw within hours of its posting'.split(
    ' ',
  );

/** A book of chapters of sections, paragraphs of 1 to 9 lines (a fixed pseudo-random walk, so breaks fall everywhere). */
function longBook(noted: boolean): { dir: string; notes: number } {
  const dir = path.join(tempDir(), 'breaks');
  mkdirSync(dir, { recursive: true });
  const next = pseudoRandom(7);
  let paragraph = 0;
  let notes: string[] = [];
  let count = 0;
  const text = (): string => {
    paragraph++;
    const length = 8 + next(110);
    const line = Array.from({ length }, (_, i) => words[(i + paragraph) % words.length]);
    // Every third paragraph cites a note, at a word anywhere in it.
    if (noted && paragraph % 3 === 0) {
      line.splice(next(length), 0, `cited[^n${paragraph}]`);
      notes.push(`[^n${paragraph}]: ${line.slice(0, 4 + next(40)).join(' ')}.`);
      count++;
    }
    return `P${paragraph} ${line.join(' ')}.`;
  };
  const names = Array.from({ length: 8 }, (_, i) => `ch${i + 1}.md`);
  names.forEach((name, c) => {
    const sections = Array.from({ length: 2 + next(3) }, (_, s) => {
      const body = Array.from({ length: 2 + next(6) }, text).join('\n\n');
      return `## Section ${c + 1}.${s + 1}\n\n${body}`;
    });
    const opening = text();
    const body = `# Chapter ${c + 1}\n\n${opening}\n\n${sections.join('\n\n')}\n\n${notes.join('\n\n')}\n`;
    writeFileSync(path.join(dir, name), body);
    notes = [];
  });
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Breaks\nlang: en\ndate: 2026-01-05\nstyle:\n  page:\n    size: a5\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  return { dir, notes: count };
}

interface Line {
  text: string;
  size: number;
}

const isHeading = (line: Line | undefined): boolean => /^(Chapter \d+|Section \d+\.\d+)$/.test(line?.text ?? '');
const starts = (line: Line | undefined): boolean => /^P\d+ /.test(line?.text ?? '');
/** The line carries on a paragraph begun above it. */
const carries = (line: Line | undefined): boolean => line !== undefined && !isHeading(line) && !starts(line);

/** The same book, with notes at the foot of its pages or without (the two paginations react-pdf has, see render.ts). */
function describeBreaks(noted: boolean): void {
  describe(`page breaks in a long book (A5, classic${noted ? ', a note cited from every third paragraph' : ''})`, () => {
    let pages: Line[][] = [];
    let rightEdges: number[] = [];
    let width = 0;
    let notesAfterChapters = 0;
    let smallLines = 0;
    let cited = 0;

    beforeAll(async () => {
      const book = longBook(noted);
      cited = book.notes;
      const result = await build({ input: book.dir, outDir: tempDir(), formats: ['pdf'] });
      expect(result.ok).toBe(true);
      const bytes = new Uint8Array(readFileSync(result.outputs[0]?.path ?? ''));
      const placed = await placedText(bytes);
      width = placed[0]?.width ?? 0;
      ({ rightEdges } = await readPdf(bytes));
      const all = placed.flatMap((page) => page.items.map((item) => Math.round(item.size * 10) / 10));
      const counts = new Map<number, number>();
      for (const size of all) counts.set(size, (counts.get(size) ?? 0) + 1);
      const body = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
      // Each page's lines of text and headings, top to bottom; the header and page number (smaller) are left out.
      pages = placed.map((page) => {
        const rows = new Map<number, { x: number; str: string; size: number }[]>();
        for (const item of page.items) {
          const y = Math.round(item.y);
          rows.set(y, [...(rows.get(y) ?? []), item]);
        }
        return [...rows]
          .sort(([a], [b]) => b - a)
          .map(([, items]) => ({
            text: [...items]
              .sort((a, b) => a.x - b.x)
              .map((item) => item.str)
              .join(' '),
            size: Math.max(...items.map((item) => item.size)),
          }))
          .filter((line) => {
            if (line.size < body - 0.05 && /^\d+\.( |$)/.test(line.text)) smallLines++;
            if (line.text === 'Notes') notesAfterChapters++;
            return line.size >= body - 0.05;
          });
      });
    });

    test('it is long enough to break in many places', () => {
      expect(pages.length).toBeGreaterThan(25);
      // With notes, each is at the foot of a page (a numbered small line): no chapter ends with a list of them.
      if (noted) expect(notesAfterChapters).toBe(0);
      if (noted) expect(smallLines).toBe(cited);
    });

    test('no page ends with a heading, or with a heading and a single line under it', () => {
      pages.forEach((lines, i) => {
        expect(isHeading(lines.at(-1)), `page ${i + 1} ends with ${lines.at(-1)?.text}`).toBe(false);
        const second = lines.at(-2);
        if (isHeading(second)) expect(carries(pages[i + 1]?.[0]), `page ${i + 1}: “${second?.text}”`).toBe(false);
      });
    });

    test('no paragraph leaves one line alone at the foot of a page (orphan)', () => {
      pages.forEach((lines, i) => {
        const last = lines.at(-1);
        if (starts(last)) expect(carries(pages[i + 1]?.[0]), `page ${i + 1} ends with “${last?.text}”`).toBe(false);
      });
    });

    test('no paragraph leaves its last line alone at the head of a page (widow)', () => {
      pages.forEach((lines, i) => {
        if (i === 0 || !carries(lines[0])) return;
        expect(carries(lines[1]), `page ${i + 1} starts with “${lines[0]?.text}” alone`).toBe(true);
      });
    });

    test('no text runs past the right margin', () => {
      // The classic theme's 72 pt outer margin on A4, scaled to A5 (50.7 pt); half a point for rounding.
      const margin = (72 * 419.53) / 595.28;
      for (const [i, edge] of rightEdges.entries())
        expect(edge, `page ${i + 1}`).toBeLessThanOrEqual(width - margin + 0.5);
      // Justified: the text block's right edge is reached on most pages.
      expect(Math.max(...rightEdges)).toBeGreaterThan(width - margin - 2);
    });
  });
}

describeBreaks(false);
describeBreaks(true);
