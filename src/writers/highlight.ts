import type { ElementContent, Root } from 'hast';
import { common, createLowlight } from 'lowlight';
import type { SyntaxKind } from '../../styles/tokens.js';

/** One run of a code line: its text, and what the grammar says it is (none: plain code). */
export interface CodeRun {
  text: string;
  kind?: SyntaxKind;
}

/**
 * highlight.js's common grammars (js, ts, python, bash, json, yaml, html, css, rust,
 * go, java, c, cpp, sql, diff and some twenty more), each with its aliases. Only
 * the language a fence names is used: guessing (highlightAuto) runs every grammar
 * over every block, and on a short snippet, console output or prose it often
 * guesses wrong, colouring a shell transcript as if it were Perl.
 */
const lowlight = createLowlight(common);

/** highlight.js's scopes, by their first class, sorted into the few kinds a theme colours. */
const kinds: Readonly<Record<string, SyntaxKind | null>> = {
  keyword: 'keyword',
  'selector-tag': 'keyword',
  doctag: 'keyword',
  name: 'keyword',
  built_in: 'type',
  type: 'type',
  class: 'type',
  string: 'string',
  regexp: 'string',
  char: 'string',
  'selector-attr': 'string',
  'selector-pseudo': 'string',
  comment: 'comment',
  quote: 'comment',
  number: 'number',
  literal: 'number',
  symbol: 'number',
  bullet: 'number',
  title: 'title',
  section: 'title',
  'selector-id': 'title',
  'selector-class': 'title',
  attr: 'attribute',
  attribute: 'attribute',
  property: 'attribute',
  variable: 'attribute',
  'template-variable': 'attribute',
  meta: 'meta',
  addition: 'addition',
  deletion: 'deletion',
  // Code inside a string (`${x}`) or a tag's punctuation is plain again.
  subst: null,
  params: null,
  punctuation: null,
  tag: null,
};

/** Whether the fence's language is one Octavo highlights (by name or alias, any case). */
export function highlightable(lang: string | null | undefined): lang is string {
  return typeof lang === 'string' && lowlight.registered(lang.toLowerCase());
}

/**
 * The lines of `value` as runs of one kind each, highlighted as `lang` (the first
 * word of the fence's info string); one plain run a line when the language is not
 * one Octavo knows. The runs of a line join up to the line exactly as typed.
 */
export function highlightLines(value: string, lang: string | null | undefined): CodeRun[][] {
  const runs = highlightable(lang) ? flatten(lowlight.highlight(lang.toLowerCase(), value)) : [{ text: value }];
  const lines: CodeRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) lines.at(-1)?.push(run.kind ? { text: part, kind: run.kind } : { text: part });
    });
  }
  return lines.map(merge);
}

function flatten(tree: Root): CodeRun[] {
  const runs: CodeRun[] = [];
  const walk = (nodes: ElementContent[], kind: SyntaxKind | undefined): void => {
    for (const node of nodes) {
      if (node.type === 'text') runs.push(kind ? { text: node.value, kind } : { text: node.value });
      else if (node.type === 'element') walk(node.children, kindOf(node.properties.className, kind));
    }
  };
  walk(tree.children as ElementContent[], undefined);
  return runs;
}

function kindOf(className: unknown, outer: SyntaxKind | undefined): SyntaxKind | undefined {
  const first = Array.isArray(className) ? String(className[0] ?? '') : '';
  const scope = first.replace(/^hljs-/, '');
  if (!(scope in kinds)) return outer;
  return kinds[scope] ?? undefined;
}

/** Neighbouring runs of one kind as one (fewer spans, fewer PDF text objects). */
function merge(runs: CodeRun[]): CodeRun[] {
  const out: CodeRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && last.kind === run.kind) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

/**
 * `runs` cut at the given lengths (in UTF-16 units, as String.slice counts): the
 * pieces of a wrapped line, each with the runs that fall in it.
 */
export function cutRuns(runs: readonly CodeRun[], lengths: readonly number[]): CodeRun[][] {
  const pieces: CodeRun[][] = [];
  let queue = runs.map((run) => ({ ...run }));
  for (const length of lengths) {
    const piece: CodeRun[] = [];
    let need = length;
    while (need > 0 && queue.length > 0) {
      const [head, ...tail] = queue;
      if (!head) break;
      if (head.text.length <= need) {
        piece.push(head);
        need -= head.text.length;
        queue = tail;
      } else {
        piece.push({ ...head, text: head.text.slice(0, need) });
        queue = [{ ...head, text: head.text.slice(need) }, ...tail];
        need = 0;
      }
    }
    pieces.push(piece);
  }
  return pieces;
}
