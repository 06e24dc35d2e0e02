import type { Definition, FootnoteDefinition, Nodes, Parents, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import type { LinkTargets } from '../../plugins/link-targets.js';
import type { PdfChild } from './element.js';

/** A handler turns one mdast node into PDF elements (none, one or several). */
export type Handler = (state: State, node: never, parent: Parents | undefined) => PdfChild[];

/** What every handler of one chapter shares, like mdast-util-to-hast's state. */
export interface State {
  book: Book;
  tokens: Tokens;
  chapterIndex: number;
  file: VFile;
  /** Where links go, book-wide. */
  targets: LinkTargets;
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
  /** Width of the text block in points. */
  textWidth: number;
  /** Height of the text block in points. */
  textHeight: number;
  /** Transform one node. */
  one(node: Nodes, parent: Parents | undefined): PdfChild[];
  /** Transform every child of a node. */
  all(parent: Parents): PdfChild[];
}

/** Build the state for one chapter, with the handlers to dispatch to. */
export function createState(
  book: Book,
  tokens: Tokens,
  chapterIndex: number,
  targets: LinkTargets,
  handlers: Readonly<Record<string, Handler>>,
): State {
  const chapter = book.chapters[chapterIndex];
  if (!chapter) throw new RangeError(`No chapter ${chapterIndex}`);
  const definitions = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  visit(chapter.tree as Root, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
  });
  const [pageWidth, pageHeight] = tokens.page.size;
  const margin = tokens.page.margin;
  const state: State = {
    book,
    tokens,
    chapterIndex,
    file: chapter.file,
    targets,
    definitions,
    footnotes,
    footnoteOrder: [],
    noteBacklinks: new Map(),
    listDepth: 0,
    textWidth: pageWidth - margin.inner - margin.outer,
    textHeight: pageHeight - margin.top - margin.bottom,
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
