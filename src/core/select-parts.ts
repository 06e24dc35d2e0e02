import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Book, Chapter } from '../types/book.js';
import { leadHeading } from '../plugins/chapter-title.js';
import { collectTargets } from '../plugins/link-targets.js';

/** Which parts of a book to print: chapters by number, sections by heading text. */
export interface PartSelection {
  /** Chapter numbers from 1, as `2`, `2-3` or `1,3-4`. */
  chapters?: string;
  /** Text in a heading (case and quote style ignored): that heading's section is printed. */
  sections?: readonly string[];
}

/** A chapter range, parsed: inclusive, from 1. */
export type ChapterRange = [number, number];

/** Read `--chapters`: `2`, `2-3`, `1,3-4` or `3-` (to the end). Undefined when malformed. */
export function parseChapters(spec: string): ChapterRange[] | undefined {
  const ranges: ChapterRange[] = [];
  for (const part of spec.split(',')) {
    const match = /^\s*(\d+)\s*(?:(-)\s*(\d*))?\s*$/.exec(part);
    if (!match) return undefined;
    const from = Number(match[1]);
    const to = match[2] ? (match[3] ? Number(match[3]) : Infinity) : from;
    if (from < 1 || to < from) return undefined;
    ranges.push([from, to]);
  }
  return ranges;
}

/** The book cut down to the selected parts, or the reason it cannot be. */
export type Selected = { ok: true; book: Book } | { ok: false; option: string; reason: string; hint: string };

/**
 * The book with only the chapters and sections asked for, renumbered from 1 so
 * its pages, notes and links are its own. Link targets are collected again:
 * a link into a part left out prints as its text. Definitions and notes stay
 * with every part, so references keep working. A part has no title page or
 * contents unless the book asks for them.
 */
export function selectParts(book: Book, selection: PartSelection): Selected {
  let chapters = book.chapters;
  if (selection.chapters !== undefined) {
    const ranges = parseChapters(selection.chapters) ?? [];
    const count = chapters.length;
    const outside = ranges.find(([from, to]) => from > count || (to !== Infinity && to > count));
    if (ranges.length === 0 || outside) {
      return {
        ok: false,
        option: `--chapters ${selection.chapters}`,
        reason: `the book has ${count} ${count === 1 ? 'chapter' : 'chapters'}`,
        hint:
          count === 1
            ? 'a book of one chapter is printed whole; to print part of it, use --sections'
            : `chapters are numbered 1 to ${count} in the order book.yaml lists them`,
      };
    }
    chapters = chapters.filter((_, i) => ranges.some(([from, to]) => i + 1 >= from && i + 1 <= to));
  }
  if (selection.sections && selection.sections.length > 0) {
    const picked: Chapter[] = [];
    const found = new Set<string>();
    for (const chapter of chapters) {
      const children = sectionsOf(chapter.tree.children, selection.sections, found);
      if (children) picked.push(retitled({ ...chapter, tree: { ...chapter.tree, children } }));
    }
    const missing = selection.sections.find((query) => !found.has(query));
    if (missing !== undefined) {
      return {
        ok: false,
        option: `--sections ${JSON.stringify(missing)}`,
        reason: 'no heading contains this text',
        hint: `the headings in ${selection.chapters === undefined ? 'the book' : 'these chapters'} are:\n${headingList(chapters)}`,
      };
    }
    chapters = picked;
  }
  // A part is an excerpt: it opens on its text unless book.yaml asks for front pages.
  const pdf = {
    ...book.pdf,
    titlePage: book.pdf?.titlePage ?? false,
    toc: book.pdf?.toc ?? false,
    tocDepth: book.pdf?.tocDepth ?? 3,
  };
  return { ok: true, book: { ...book, chapters, targets: collectTargets({ chapters }), pdf } };
}

/**
 * The top-level blocks of the sections whose heading matches a query (each
 * heading with everything up to the next heading of its level or above), plus
 * the definitions and notes that references may need. Undefined when none match.
 */
function sectionsOf(
  blocks: readonly RootContent[],
  queries: readonly string[],
  found: Set<string>,
): RootContent[] | undefined {
  const keep: RootContent[] = [];
  let open: number | undefined;
  let any = false;
  for (const block of blocks) {
    if (block.type === 'heading') {
      if (open !== undefined && block.depth <= open) open = undefined;
      const text = normalise(toString(block));
      const match = queries.filter((query) => text.includes(normalise(query)));
      for (const query of match) found.add(query);
      if (open === undefined && match.length > 0) {
        open = block.depth;
        any = true;
      }
    }
    const support = block.type === 'definition' || block.type === 'footnoteDefinition';
    if (open !== undefined || support) keep.push(block);
  }
  return any ? keep : undefined;
}

/** The chapter's title after cutting: its new lead heading, if any. */
function retitled(chapter: Chapter): Chapter {
  const { title: _old, ...rest } = chapter;
  const lead = leadHeading(chapter.tree);
  return lead ? { ...rest, title: toString(lead) } : rest;
}

/** Case, curly quotes, dashes and runs of spaces do not count when matching a heading. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function headingList(chapters: readonly Chapter[]): string {
  const names: string[] = [];
  for (const chapter of chapters) {
    for (const block of chapter.tree.children) {
      if (block.type === 'heading') names.push(`${'  '.repeat(block.depth - 1)}${toString(block)}`);
    }
  }
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, 12);
  return [...shown, ...(names.length > shown.length ? [`… and ${names.length - shown.length} more`] : [])].join('\n');
}
