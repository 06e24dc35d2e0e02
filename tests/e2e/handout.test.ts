import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { copyManuscript, folderHashes, manuscriptBlocks, tempDir } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { readEpub, xhtmlText } from '../helpers/epub.js';
import { normalizeText, placedText, readPdf } from '../helpers/pdf.js';
import { epubcheck, pdffonts, qpdfCheck } from '../helpers/tools.js';

const a4: [number, number] = [595.28, 841.89];
const letter: [number, number] = [612, 792];

/** A page size to a hundredth of a point (pdf.js reads sizes as 32-bit floats). */
function size(page: { width: number; height: number } | [number, number]): string {
  const [width, height] = Array.isArray(page) ? page : [page.width, page.height];
  return `${width.toFixed(2)} × ${height.toFixed(2)}`;
}

/** A book of four chapters that link to each other and carry notes. */
function fourChapters(): string {
  const dir = path.join(tempDir(), 'four');
  mkdirSync(dir, { recursive: true });
  const names = ['One', 'Two', 'Three', 'Four'];
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Four Parts\nauthor: A. Writer\nlang: en\ndate: 2026-01-05\nchapters:\n${names.map((n) => `  - ${n.toLowerCase()}.md`).join('\n')}\n`,
  );
  names.forEach((name, i) => {
    const next = names[(i + 1) % names.length] ?? '';
    writeFileSync(
      path.join(dir, `${name.toLowerCase()}.md`),
      `# Chapter ${name}\n\nThe text of chapter ${name.toLowerCase()}, which cites a note.[^n]\n\n` +
        `## Section ${name} A\n\nSee [chapter ${next.toLowerCase()}](${next.toLowerCase()}.md#chapter-${next.toLowerCase()}).\n\n` +
        `[^n]: The note of chapter ${name.toLowerCase()}.\n`,
    );
  });
  return dir;
}

async function buildPdf(input: string, options: Parameters<typeof build>[0] = {}) {
  const out = tempDir();
  const result = await build({ input, outDir: out, formats: ['pdf'], sourceDateEpoch: '1767571200', ...options });
  expect(result.ok, result.files.flatMap((f) => f.messages.map(String)).join('\n')).toBe(true);
  const file = result.outputs[0]?.path ?? '';
  const bytes = new Uint8Array(readFileSync(file));
  return { file, bytes, facts: await readPdf(bytes), placed: await placedText(bytes) };
}

describe('the shipped manuscript as a handout', () => {
  test('fits on at most two A4 pages (lang en), with the whole text, title and "n / N" in the footer', async () => {
    const { file, facts, placed } = await buildPdf('manuscript', { profile: 'handout' });
    expect(path.basename(file)).toBe('a-state-visit-and-a-selfie-handout.pdf');
    expect(placed.length).toBeLessThanOrEqual(2);
    for (const page of placed) expect(size(page)).toEqual(size(a4));
    const text = normalizeText(facts.pages.join('\n'));
    for (const block of manuscriptBlocks()) expect(text).toContain(normalizeText(block));
    placed.forEach((page, i) => {
      const footer = page.items.filter((item) => item.y < 50).map((item) => item.str);
      expect(footer).toEqual(['A State Visit and a Selfie', `${i + 1} / ${placed.length}`]);
    });
    // Compact title block: no page of its own, the byline with the date.
    expect(facts.pages[0]).toMatch(/^A State Visit and a Selfie\s*Octavo Newsroom · January 5, 2026/);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors found/);
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded && !/Helvetica|Times|Courier/.test(font.name))).toBe(true);
  });

  test('the notes margin is the outer one: text stays in the left part of the page', async () => {
    const { facts } = await buildPdf('manuscript', { profile: 'handout' });
    for (const edge of facts.rightEdges) expect(edge).toBeLessThan(a4[0] - 130);
  });

  test('prints on US Letter for en-US, or when --paper says so, still within two pages', async () => {
    const book = copyManuscript();
    const yaml = path.join(book, 'book.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('lang: en', 'lang: en-US'));
    for (const run of [
      await buildPdf(book, { profile: 'handout' }),
      await buildPdf('manuscript', { profile: 'handout', paper: [612, 792] }),
    ]) {
      expect(run.placed.length).toBeLessThanOrEqual(2);
      for (const page of run.placed) expect(size(page)).toEqual(size(letter));
    }
  });

  test('its booklet prints on one sheet, both sides', async () => {
    const { file, placed, facts } = await buildPdf('manuscript', { profile: 'handout', impose: 'booklet' });
    expect(path.basename(file)).toBe('a-state-visit-and-a-selfie-handout-booklet.pdf');
    expect(placed).toHaveLength(2);
    for (const side of placed) expect(size(side)).toEqual(size([a4[1], a4[0]]));
    const text = normalizeText(facts.pages.join('\n'));
    expect(text).toContain('quickly capturing massive online attention');
  });
});

describe('printing part of a book', () => {
  test('a handout opens on its text under a title block, even when the book asks for front pages and two sides', async () => {
    const input = fourChapters();
    writeFileSync(
      path.join(input, 'book.yaml'),
      `${readFileSync(path.join(input, 'book.yaml'), 'utf8')}pdf: { titlePage: true, toc: true }\nstyle: { page: { twoSided: true } }\n`,
    );
    // Long enough for a second page, whose margin would be mirrored.
    writeFileSync(path.join(input, 'two.md'), `# Chapter Two\n\n${'A line of text to fill the page. '.repeat(400)}\n`);
    const { facts, placed } = await buildPdf(input, { profile: 'handout' });
    expect(facts.pages[0]).toMatch(/^Four Parts\n[\s\S]*The text of chapter one/);
    expect(facts.pages.join('\n')).not.toContain('Contents');
    // One-sided: the text starts at the same inner margin on every page.
    const left = placed.map((page) => Math.round(Math.min(...page.items.map((item) => item.x))));
    expect(left.length).toBeGreaterThan(1);
    expect(new Set(left).size).toBe(1);
  });

  test('--chapters 2-3: those chapters only, numbered from page 1, links out of the part as text', async () => {
    const { file, facts } = await buildPdf(fourChapters(), { parts: { chapters: '2-3' } });
    expect(path.basename(file)).toBe('four-parts-ch2-3.pdf');
    expect(facts.pages).toHaveLength(2);
    expect(facts.pages[0]).toContain('Chapter Two');
    expect(facts.pages[1]).toContain('Chapter Three');
    const all = facts.pages.join('\n');
    expect(all).not.toMatch(/Chapter One|Chapter Four/);
    // No title page or contents for a part; a chapter's first page carries no number.
    expect(facts.pages.map((page) => page.trim().split('\n').at(-1))).not.toContain('1');
    expect(facts.outline.map((entry) => entry.title)).toEqual(['Chapter Two', 'Chapter Three']);
    // Each page: the note reference and the note's way back; two's link to three lands on
    // page 2, three's link to four has nowhere to go and is text.
    expect(facts.links).toEqual([
      { page: 1, targetPage: 1 },
      { page: 1, targetPage: 2 },
      { page: 1, targetPage: 1 },
      { page: 2, targetPage: 2 },
      { page: 2, targetPage: 2 },
    ]);
    expect(all).toContain('See chapter four.');
    expect(all).toContain('The note of chapter two.');
  });

  test('--chapters in the EPUB too, which stays valid', async () => {
    const out = tempDir();
    const result = await build({
      input: fourChapters(),
      outDir: out,
      formats: ['epub'],
      parts: { chapters: '1,4' },
    });
    expect(result.ok).toBe(true);
    const file = result.outputs[0]?.path ?? '';
    expect(path.basename(file)).toBe('four-parts-ch1_4.epub');
    const check = epubcheck(file);
    expect(check.errors + check.warnings, check.output).toBe(0);
    const epub = await readEpub(readFileSync(file));
    const chapters = epub.names.filter((name) => /ch\d+\.xhtml$/.test(name)).sort();
    expect(chapters).toHaveLength(2);
    const text = (await Promise.all(chapters.map(async (name) => xhtmlText(await epub.text(name))))).join('\n');
    expect(text).toContain('Chapter One');
    expect(text).toContain('Chapter Four');
    expect(text).not.toMatch(/Chapter Two|Chapter Three/);
  });

  test('--sections "Banter and": that section alone, under the title block, on one page', async () => {
    const { file, facts } = await buildPdf('manuscript', { parts: { sections: ['Banter and'] } });
    expect(path.basename(file)).toBe('a-state-visit-and-a-selfie-banter-and.pdf');
    expect(facts.pages).toHaveLength(1);
    const text = normalizeText(facts.pages[0] ?? '');
    expect(text).toMatch(/^A State Visit and a Selfie .*Banter and "Backdoor" Jokes The exchange/);
    expect(text).toContain('since taking office in June.');
    expect(text).not.toMatch(/History Books|Strategic Talks|In a rare and light-hearted/);
    expect(facts.outline.map((entry) => entry.title)).toEqual(['Banter and “Backdoor” Jokes']);
  });

  test('everything composes: a handout booklet of chapter 2, from the command line', () => {
    const out = tempDir();
    const run = octavo([
      'build',
      fourChapters(),
      '--profile',
      'handout',
      '--impose',
      'booklet',
      '--chapters',
      '2',
      '-o',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*four-parts-handout-ch2-booklet\.pdf \(2 pages, \d+ KB\) in/);
  });
});

describe('impossible requests: a clear error naming the option, nothing rendered, dist/ as it was', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a chapter range outside the book',
      ['--chapters', '2-3'],
      /^octavo: error: --chapters 2-3: the book has 1 chapter \[option-invalid\]\n  hint: a book of one chapter is printed whole; to print part of it, use --sections\n/,
    ],
    [
      'a heading the book lacks',
      ['--sections', 'Weather'],
      /^octavo: error: --sections "Weather": no heading contains this text \[option-invalid\]\n  hint: the headings in the book are:\n {8}  A Selfie for the History Books\n {8}  Banter and “Backdoor” Jokes\n {8}  Strategic Talks Amid Global Turbulence\n/,
    ],
    [
      '--impose with an EPUB-only build',
      ['--impose', 'booklet', '--format', 'epub'],
      /^octavo: error: --impose booklet: imposition puts PDF pages on sheets, and this build makes no PDF \[option-invalid\]/,
    ],
    [
      'a page too small for the margins',
      ['--profile', 'handout', '--paper', '2x3in'],
      /^octavo: error: --paper: the page, 2 × 3 in \(51 × 76 mm\), leaves 1.32 × 2.64 in \(34 × 67 mm\) for text inside its margins; at least 2 × 2 in \(51 × 51 mm\) is needed \[option-invalid\]\n  hint: choose a larger --paper/,
    ],
    [
      'a booklet of pages too small for the margins',
      ['--impose', 'booklet', '--paper', '5x5in'],
      /^octavo: error: --paper with --impose booklet: .* \[option-invalid\]\n  hint: a booklet page is half the sheet; print on larger paper/,
    ],
  ];
  test.each(cases)('%s', (_, args, message) => {
    const out = tempDir();
    writeFileSync(path.join(out, 'a-state-visit-and-a-selfie.pdf'), 'the PDF from the last good build');
    const before = folderHashes(out);
    const run = octavo(['build', '-o', out, ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/octavo: build failed with 1 error; nothing was written\n$/);
    expect(run.stdout).toBe('');
    expect(folderHashes(out)).toEqual(before);
  });

  test.each([
    [['--impose', 'poster'], /^octavo: --impose must be booklet, 2up or 4up, not poster\n/],
    [['--profile', 'flyer'], /^octavo: --profile must be book or handout, not flyer\n/],
    [['--paper', 'tabloid'], /^octavo: --paper must be a4, letter, a5, 6x9 or a size like 210x297mm, not tabloid\n/],
    [['--chapters', '0'], /^octavo: --chapters takes numbers from 1 such as 2, 2-3 or 1,3-4, not 0\n/],
    [['--chapters', '3-2'], /^octavo: --chapters 3-2 runs backwards: write 2-3\n/],
    [['--paper', '2x2'], /^octavo: --paper 2x2 needs a unit: mm, cm, in or pt, as in 210x297mm or 8.5x11in\n/],
    [['--bleed', '3'], /^octavo: --bleed sets the bleed around crop marks: add --marks\n/],
    [['--marks', '--bleed', 'wide'], /^octavo: --bleed is in millimetres, such as 3, not wide\n/],
    [
      ['--marks', '--bleed', '40'],
      /^octavo: error: --bleed 40: the bleed must be between 0 and 25 mm \[option-invalid\]/,
    ],
  ])('usage errors: %j', (args, message) => {
    const out = tempDir();
    const run = octavo(['build', '-o', out, ...args]);
    expect(run.code).toBe(message.source.includes('error: ') ? 1 : 2);
    expect(run.stderr).toMatch(message);
    expect(folderHashes(out)).toEqual({});
  });
});

describe('a longer handout', () => {
  /** Chapters of sections of different lengths, each heading followed by text or a list. */
  function briefing(noted = false): string {
    const dir = path.join(tempDir(), 'briefing');
    mkdirSync(dir, { recursive: true });
    const sentence = 'Water allocation across the basin has shifted markedly over the last decade. ';
    const chapters = ['Background', 'Supply', 'Demand', 'Options', 'Risks'];
    writeFileSync(
      path.join(dir, 'book.yaml'),
      `title: Water Briefing\nlang: en\ndate: 2026-01-05\nchapters:\n${chapters.map((c) => `  - ${c.toLowerCase()}.md`).join('\n')}\n`,
    );
    chapters.forEach((name, c) => {
      const sections = [1, 2, 3].map((s) => {
        const words = sentence.repeat(1 + ((c * 3 + s) % 5));
        const list = (c + s) % 2 === 0 ? `\n\n1. ${sentence}${sentence}\n2. ${sentence}\n3. Done.` : '';
        return `## ${name} point ${s}${list}\n\n${words}`;
      });
      // A note at the foot of a page switches react-pdf to its page templates and newer engine.
      const note = noted && c === 0 ? '\n\nA noted line.[^a]\n\n[^a]: The note.' : '';
      writeFileSync(
        path.join(dir, `${name.toLowerCase()}.md`),
        `# ${name}\n\n${sentence.repeat(3)}\n\n${sections.join('\n\n')}${note}\n`,
      );
    });
    return dir;
  }

  test.each([
    ['A4', [595.28, 841.89], false],
    ['Letter', [612, 792], false],
    ['A5', [419.53, 595.28], false],
    ['A4, with a footnote', [595.28, 841.89], true],
    ['Letter, with a footnote', [612, 792], true],
    ['A5, with a footnote', [419.53, 595.28], true],
  ] as const)('on %s: chapters run on, and no page ends with a heading', async (_, paper, noted) => {
    const { facts } = await buildPdf(briefing(noted), { profile: 'handout', paper: [...paper] });
    expect(facts.pages.length).toBeGreaterThan(1);
    const headings = /^(Background|Supply|Demand|Options|Risks)( point \d)?$/;
    facts.pages.forEach((page, i) => {
      const lines = page
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      // The footer closes each page: the title and "n / N".
      expect(lines.at(-1)).toBe(`Water Briefing ${i + 1} / ${facts.pages.length}`);
      expect(lines.at(-2), `page ${i + 1}`).not.toMatch(headings);
    });
    // Chapters run on: most start below the end of the one before, not on a page of their own.
    const midPage = ['Supply', 'Demand', 'Options', 'Risks'].filter((name) =>
      facts.pages.some(
        (page) =>
          page
            .split('\n')
            .map((line) => line.trim())
            .indexOf(name) > 0,
      ),
    );
    expect(midPage.length).toBeGreaterThanOrEqual(3);
    expect(facts.outline.map((entry) => entry.title)).toEqual(['Background', 'Supply', 'Demand', 'Options', 'Risks']);
  });

  test('as a booklet, "n / N" sits at the outer edge: left on even pages, right on odd ones', async () => {
    const { placed } = await buildPdf(briefing(), { profile: 'handout', impose: 'booklet' });
    let checked = 0;
    for (const side of placed) {
      for (const item of side.items) {
        const count = /^(\d+) \/ \d+$/.exec(item.str);
        if (!count) continue;
        const title = side.items.find((other) => other.str === 'Water Briefing' && Math.abs(other.y - item.y) < 1);
        const half = item.x < side.width / 2 ? 0 : 1;
        const even = Number(count[1]) % 2 === 0;
        expect(half, `page ${count[1]}`).toBe(even ? 0 : 1);
        expect(item.x < (title?.x ?? NaN) === even, `page ${count[1]}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
