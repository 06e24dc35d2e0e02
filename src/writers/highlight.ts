import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import type { SyntaxKind } from '../../styles/tokens.js';

/** One run of a code line: its text, and what the grammar says it is (none: plain code). */
export interface CodeRun {
  text: string;
  kind?: SyntaxKind;
}

/**
 * highlight.js's common grammars, each with its aliases (js, ts, py, sh, yml, html,
 * rs, golang, c++…). Only the language a fence names is used: guessing
 * (highlightAuto) runs every grammar over every block, and on a short snippet,
 * console output or prose it often guesses wrong, colouring a shell transcript
 * as if it were Perl.
 */
const common = (
  'arduino bash c cpp csharp css diff go graphql ini java javascript json kotlin less lua makefile markdown ' +
  'objectivec perl php php-template plaintext python python-repl r ruby rust scss shell sql swift typescript ' +
  'vbnet wasm xml yaml'
).split(' ');

const require = createRequire(import.meta.url);
let engine: HLJSApi | undefined;

/**
 * highlight.js with the common grammars, loaded the first time a fence names a
 * language (about 0.1 s): a book without such code never pays for it.
 */
function highlighter(): HLJSApi {
  if (engine) return engine;
  const hljs = require('highlight.js/lib/core') as HLJSApi;
  for (const name of common) hljs.registerLanguage(name, require(`highlight.js/lib/languages/${name}`) as LanguageFn);
  engine = hljs;
  return hljs;
}

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
  return typeof lang === 'string' && lang.trim() !== '' && highlighter().getLanguage(lang.toLowerCase()) !== undefined;
}

/**
 * The lines of `value` as runs of one kind each, highlighted as `lang` (the first
 * word of the fence's info string); one plain run a line when the language is not
 * one Octavo knows. The runs of a line join up to the line exactly as typed.
 */
export function highlightLines(value: string, lang: string | null | undefined): CodeRun[][] {
  const runs = highlightable(lang)
    ? runsOf(highlighter().highlight(value, { language: lang.toLowerCase(), ignoreIllegals: true }).value)
    : [{ text: value }];
  const lines: CodeRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) lines.at(-1)?.push(run.kind ? { text: part, kind: run.kind } : { text: part });
    });
  }
  return lines.map(merge);
}

/**
 * highlight.js's HTML as runs. It writes nothing but `<span class="…">`, `</span>`
 * and text with five characters escaped, so a scan reads it back exactly.
 */
function runsOf(html: string): CodeRun[] {
  const runs: CodeRun[] = [];
  const open: (SyntaxKind | undefined)[] = [];
  for (const [token, className, text] of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (text !== undefined) {
      const kind = open.at(-1);
      const plain = unescape(text);
      runs.push(kind ? { text: plain, kind } : { text: plain });
    } else if (className !== undefined) open.push(kindOf(className, open.at(-1)));
    else if (token === '</span>') open.pop();
  }
  return runs;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => entities[entity] ?? entity);
}

/** The kind a scope's first class names; a scope Octavo does not colour (a sub-language) keeps the outer kind. */
function kindOf(className: string, outer: SyntaxKind | undefined): SyntaxKind | undefined {
  const first = className.split(' ')[0] ?? '';
  if (!first.startsWith('hljs-')) return outer;
  const scope = first.slice('hljs-'.length);
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
