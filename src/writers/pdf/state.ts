import type { Definition, FootnoteDefinition, Nodes, Parents, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { chapterId } from '../../plugins/link-targets.js';
import type { PdfChild } from './element.js';
import { textBlock } from './image-size.js';

/** A handler turns one mdast node into PDF elements (none, one or several). */
export type Handler = (state: State, node: never, parent: Parents | undefined) => PdfChild[];

/** What every handler of one chapter shares, like mdast-util-to-hast's state. */
export interface State {
  book: Book;
  tokens: Tokens;
  chapterIndex: number;
  file: VFile;
  /** Link and image definitions of this chapter, by normalised identifier. */
  definitions: ReadonlyMap<string, Definition>;
  /** Footnote definitions of this chapter, by normalised identifier. */
  footnotes: ReadonlyMap<string, FootnoteDefinition>;
  /** Footnote identifiers in the order they are first referenced: their numbers. */
  footnoteOrder: string[];
  /** Footnote identifier → id of the block holding its first reference (back-link target). */
  noteBacklinks: Map<string, string>;
  /** How many lists enclose the node being handled (0 outside lists). */
  listDepth: number;
  /** The PDF outline as headings open and close it. */
  outline: Outline;
  /** How far the node being handled is indented from the text block's left edge, in points. */
  inset: number;
  /** Run `work` with the inset increased by `points` (a quotation, a list item's marker column). */
  within<T>(points: number, work: () => T): T;
  /** The page of each id, from an earlier rendering; empty on the first. */
  pageOf: ReadonlyMap<string, number>;
  /** When pages are mapped for the EPUB: the id given to each top-level block, by its source offset. */
  blockIds: Map<number, string> | undefined;
  /** Width of the text block in points. */
  textWidth: number;
  /** Height of the text block in points. */
  textHeight: number;
  /** Transform one node. */
  one(node: Nodes, parent: Parents | undefined): PdfChild[];
  /** Transform every child of a node. */
  all(parent: Parents): PdfChild[];
}

/**
 * Nesting for the PDF outline. react-pdf nests a bookmark under its nearest
 * bookmarked ancestor element unless it names its parent itself: headings name
 * theirs, so they can stay flat in the flow (see heading.ts).
 */
export interface Outline {
  /** The bookmark of the chapter itself, when it has one (a chapter that does not open with a heading). */
  root: { ref: string } | undefined;
  /** Open a heading of `depth`: its own ref and its parent's. */
  enter(depth: number): { ref: string; parent?: string };
}

function createOutline(prefix: string, root: string | undefined): Outline {
  const open: { depth: number; ref: string }[] = [];
  let count = 0;
  return {
    root: root === undefined ? undefined : { ref: root },
    enter(depth) {
      while ((open.at(-1)?.depth ?? 0) >= depth) open.pop();
      const parent = open.at(-1)?.ref ?? root;
      const ref = `${prefix}-h${++count}`;
      open.push({ depth, ref });
      return parent === undefined ? { ref } : { ref, parent };
    },
  };
}

/** Build the state for one chapter, with the handlers to dispatch to. */
export function createState(
  book: Book,
  tokens: Tokens,
  chapterIndex: number,
  handlers: Readonly<Record<string, Handler>>,
  pageOf: ReadonlyMap<string, number> = new Map(),
  markBlocks = false,
): State {
  const chapter = book.chapters[chapterIndex];
  if (!chapter) throw new RangeError(`No chapter ${chapterIndex}`);
  const definitions = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  visit(chapter.tree as Root, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
  });
  const block = textBlock(tokens);
  const state: State = {
    book,
    tokens,
    chapterIndex,
    file: chapter.file,
    definitions,
    footnotes,
    footnoteOrder: [],
    noteBacklinks: new Map(),
    listDepth: 0,
    outline: createOutline(chapterId(chapterIndex), chapter.title === undefined ? chapterId(chapterIndex) : undefined),
    inset: 0,
    within(points, work) {
      state.inset += points;
      try {
        return work();
      } finally {
        state.inset -= points;
      }
    },
    pageOf,
    blockIds: markBlocks ? new Map() : undefined,
    textWidth: block.width,
    textHeight: block.height,
    one(node, parent) {
      const handler = handlers[node.type];
      if (handler) return handler(state, node as never, parent);
      // remark-check-nodes warned about it when the book was read: keep its text.
      return 'children' in node ? state.all(node) : 'value' in node ? [node.value] : [];
    },
    all(parent) {
      return parent.children.flatMap((child) => state.one(child, parent));
    },
  };
  return state;
}
