import type { Html, Nodes, Parents, Root, RootContent } from 'mdast';
import { parseFragment } from 'parse5';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { htmlToMdast, placeholderPattern, type Mode } from './html-to-mdast.js';
import './html-nodes.js';

/** Parents whose children are blocks; inside any other, HTML is part of a line. */
const flowParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'details']);

/** The first placeholder character: child `i` of a parent is U+F0000 + i. */
const firstPlaceholder = 0xf0000;
const lastPlaceholder = 0xffffd;

/**
 * Raw HTML, parsed as a browser would and kept to an allow-list (see
 * html-policy.ts): what is allowed becomes Markdown nodes both writers draw, the
 * rest keeps its text, and nothing of it reaches an output as HTML. Markdown
 * splits `<em>x</em>` into an opening tag, text and a closing tag, and lets an
 * HTML block wrap Markdown paragraphs (`<details>`, a blank line, text): so each
 * parent's children are parsed together, each non-HTML child standing in as one
 * private-use character that is replaced by the node itself afterwards. Text the
 * author escaped (`&lt;script&gt;`, code spans) is never parsed: it stays text.
 * Runs right after parsing, so ids, smart quotes, image loading and every check
 * see the result.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile): void => {
    const source = typeof file.value === 'string' ? file.value : String(file.value ?? '');
    const walk = (node: Nodes): void => {
      if (!('children' in node)) return;
      if (node.children.some((child) => child.type === 'html')) {
        (node as Parents).children = convert(node as Parents, source, file) as never;
      }
      for (const child of node.children) walk(child);
    };
    walk(tree);
  };
}

interface Segment {
  /** Where the node's HTML starts in the parsed string. */
  at: number;
  node: Html;
}

function convert(parent: Parents, source: string, file: VFile): RootContent[] {
  const children = parent.children as RootContent[];
  if (children.length > lastPlaceholder - firstPlaceholder) return children;
  let html = '';
  const segments: Segment[] = [];
  children.forEach((child, index) => {
    if (child.type === 'html') {
      segments.push({ at: html.length, node: child });
      // A placeholder written in the manuscript must not stand for a node: same length, so offsets hold.
      html += child.value.replace(placeholderPattern, '\ufffd\ufffd');
    } else {
      html += String.fromCodePoint(firstPlaceholder + index);
    }
  });
  const point = (offset: number): Point | undefined => pointOf(segments, source, offset);
  for (const segment of segments) warnDoctypes(segment, file, (offset) => point(segment.at + offset));
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  const mode: Mode = flowParents.has(parent.type) ? 'flow' : 'phrasing';
  return htmlToMdast(fragment.childNodes, mode, {
    html,
    original: (char) => children[(char.codePointAt(0) ?? 0) - firstPlaceholder],
    point,
    warn(kind, reason, at, hint) {
      report(file, {
        reason,
        ruleId: kind === 'raw' ? 'html-raw' : 'html-removed',
        place: at,
        hint,
        severity: 'warning',
      });
    },
  });
}

/** A DOCTYPE means nothing inside a document, so the parser drops it without a trace: warn here. */
function warnDoctypes(segment: Segment, file: VFile, point: (offset: number) => Point | undefined): void {
  // Comments may mention one; blank them out, keeping offsets.
  const value = segment.node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => ' '.repeat(comment.length));
  for (const match of value.matchAll(/<!doctype\b/gi)) {
    report(file, {
      reason: 'A <!DOCTYPE> is removed: a chapter is part of a book, not a document of its own',
      ruleId: 'html-removed',
      place: point(match.index),
      hint: 'delete it; the EPUB and the PDF get their own',
      severity: 'warning',
    });
  }
}

/**
 * The chapter's line and column of an offset into the parsed string. An HTML
 * node's value is its source, except that inside a quote or a list Markdown has
 * taken each line's `> ` or indent off: those are added back line by line.
 */
function pointOf(segments: readonly Segment[], source: string, offset: number): Point | undefined {
  let segment: Segment | undefined;
  for (const candidate of segments) if (candidate.at <= offset) segment = candidate;
  const start = segment?.node.position?.start;
  if (!segment || !start) return undefined;
  const { value } = segment.node;
  const within = Math.min(offset - segment.at, value.length);
  const before = value.slice(0, within).split('\n');
  const line = before.length - 1;
  const column = (before.at(-1) ?? '').length;
  if (line === 0) return { line: start.line, column: start.column + column, offset: (start.offset ?? 0) + column };
  const end = segment.node.position?.end.offset;
  const written = start.offset === undefined || end === undefined ? [] : source.slice(start.offset, end).split('\n');
  const valueLine = value.split('\n')[line] ?? '';
  const sourceLine = written[line];
  const prefix = sourceLine !== undefined && sourceLine.endsWith(valueLine) ? sourceLine.length - valueLine.length : 0;
  const lineStart =
    start.offset === undefined
      ? undefined
      : start.offset + written.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  return {
    line: start.line + line,
    column: prefix + column + 1,
    ...(lineStart === undefined ? {} : { offset: lineStart + prefix + column }),
  };
}
