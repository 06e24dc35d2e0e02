import type { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { maxNesting } from './limits.js';

/** Where a chapter's nesting first goes past the limit, and of what. */
export interface DeepNesting {
  kind: 'containers' | 'brackets' | 'parentheses' | 'emphasis';
  line: number;
  column: number;
}

/**
 * Refuse a chapter nested past `maxNesting` before the Markdown parser sees it:
 * an error at the line and column where the limit is crossed. True when the
 * chapter may be parsed.
 */
export function checkNesting(file: VFile, limit = maxNesting): boolean {
  const deep = findDeepNesting(String(file.value), limit);
  if (!deep) return true;
  const { reason, hint } = describe(deep.kind, limit);
  report(file, {
    reason,
    ruleId: 'nesting-too-deep',
    place: { line: deep.line, column: deep.column },
    hint,
    severity: 'error',
  });
  return false;
}

function describe(kind: DeepNesting['kind'], limit: number): { reason: string; hint: string } {
  const slow = 'the Markdown parser slows down sharply with such nesting';
  switch (kind) {
    case 'containers':
      return {
        reason: `Block quotes and lists nested more than ${limit} deep`,
        hint: `${slow}; a book nests a few levels: this looks like generated or damaged text`,
      };
    case 'brackets':
      return {
        reason: `More than ${limit} unmatched [ or ] brackets in one paragraph`,
        hint: `${slow}; match them, write a literal one as \\[, or put code in a \`\`\` fence`,
      };
    case 'parentheses':
      return {
        reason: `More than ${limit} ( parentheses left open in one paragraph`,
        hint: `${slow}; close them, write a literal one as \\(, or put code in a \`\`\` fence`,
      };
    case 'emphasis':
      return {
        reason: `More than ${limit} unmatched * or _ emphasis markers in one paragraph`,
        hint: `${slow}; match them, write a literal one as \\* or \\_, or put code in a \`\`\` fence`,
      };
  }
}

const punctuation = /[\p{P}\p{S}]/u;
const whitespace = /\s/u;
const fenceOpen = /^(`{3,}|~{3,})(.*)$/;
const listMarker = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/y;
const thematicBreak = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const heading = /^#{1,6}(?:[ \t]|$)/;

/**
 * One pass over the text, linear in its length, that follows what makes the
 * parser slow: the depth of block quotes and lists (from `>` markers, list
 * markers and their indentation), and in each paragraph the brackets,
 * parentheses and emphasis openers left open. Fenced code is skipped, and so is
 * an inline code span. It approximates CommonMark where that can only make it
 * count less: a lazy continuation line closes the lists, for one.
 */
export function findDeepNesting(text: string, limit = maxNesting): DeepNesting | undefined {
  let fence: { char: string; length: number } | undefined;
  /** Content columns of the open list items, innermost last. */
  let lists: number[] = [];
  let quotesBefore = 0;
  let inline = new InlineState();
  let lineNumber = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    lineNumber++;

    let pos = 0;
    let quotes = 0;
    for (let at = skipSpace(line, pos); line[at] === '>'; at = skipSpace(line, pos)) {
      if (++quotes > limit) return { kind: 'containers', line: lineNumber, column: at + 1 };
      pos = line[at + 1] === ' ' ? at + 2 : at + 1;
    }
    pos = skipSpace(line, pos);
    const rest = line.slice(pos);

    if (fence) {
      const close = /^(`{3,}|~{3,})[ \t]*$/.exec(rest);
      if (close?.[1]?.[0] === fence.char && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (rest === '') {
      inline = new InlineState();
      continue;
    }
    if (quotes !== quotesBefore) {
      // Another quote level is another block: its paragraph and its lists start afresh.
      inline = new InlineState();
      lists = [];
      quotesBefore = quotes;
    }

    // The list markers that open the line, and any quotes among them: `- - a`, `1. > - a`.
    let marked = false;
    let inner = 0;
    const ruled = thematicBreak.test(rest);
    for (let at = pos; !ruled; at = skipSpace(line, pos)) {
      if (line[at] === '>' && marked) {
        inner++;
        pos = line[at + 1] === ' ' ? at + 2 : at + 1;
      } else {
        listMarker.lastIndex = at;
        const marker = listMarker.exec(line)?.[0];
        if (marker === undefined) break;
        pos = skipSpace(line, at + marker.length);
        if (inner > 0) {
          inner++;
        } else {
          const indent = columnOf(line, at);
          const gap = columnOf(line, pos) - indent - marker.length;
          while ((lists.at(-1) ?? -1) > indent) lists.pop();
          lists.push(indent + marker.length + (gap >= 1 && gap <= 4 ? gap : 1));
        }
        marked = true;
      }
      if (quotes + lists.length + inner > limit) return { kind: 'containers', line: lineNumber, column: at + 1 };
    }
    if (!marked) {
      const indent = columnOf(line, pos);
      while ((lists.at(-1) ?? -1) > indent) lists.pop();
    }
    const body = line.slice(pos);
    const opened = fenceOpen.exec(body);
    if (opened?.[1] && !(opened[1][0] === '`' && opened[2]?.includes('`'))) {
      fence = { char: opened[1][0] ?? '`', length: opened[1].length };
      inline = new InlineState();
      continue;
    }
    // A list item, a heading or a rule starts a block of its own; so does what follows a heading or an underline.
    if (marked || heading.test(body) || thematicBreak.test(body)) inline = new InlineState();
    const open = inline.scan(line, pos, limit);
    if (open) return { kind: open.kind, line: lineNumber, column: open.at + 1 };
    if (heading.test(body) || /^(?:=+|-+)[ \t]*$/.test(body)) inline = new InlineState();
  }
  return undefined;
}

/** What a paragraph has left unmatched so far. */
class InlineState {
  /** `[` still open, and `]` that closed nothing. */
  brackets = 0;
  strayBrackets = 0;
  parentheses = 0;
  /** Length of the backtick run that opened a code span, or 0 outside one. */
  code = 0;
  /**
   * Emphasis openers still open, counted by character, by the length of their
   * run modulo 3, and by whether the run could also close: what CommonMark's
   * "rule of 3" needs to tell whether a closer can match one of them.
   */
  openers = new Int32Array(12);
  open = 0;
  /** Emphasis closers that matched no opener: the parser looks back over every opener for each. */
  strayClosers = 0;

  scan(line: string, from: number, limit: number): { kind: DeepNesting['kind']; at: number } | undefined {
    for (let i = from; i < line.length; i++) {
      const char = line[i];
      if (char === '\\' && this.code === 0) {
        i++;
        continue;
      }
      if (char === '`') {
        let end = i;
        while (line[end] === '`') end++;
        const run = end - i;
        if (this.code === 0) this.code = run;
        else if (this.code === run) this.code = 0;
        i = end - 1;
        continue;
      }
      if (this.code > 0) continue;
      if (char === '[' || char === ']') {
        if (char === '[') this.brackets++;
        else if (this.brackets > 0) this.brackets--;
        else this.strayBrackets++;
        if (this.brackets + this.strayBrackets > limit) return { kind: 'brackets', at: i };
      } else if (char === '(') {
        if (++this.parentheses > limit) return { kind: 'parentheses', at: i };
      } else if (char === ')') {
        this.parentheses = Math.max(0, this.parentheses - 1);
      } else if (char === '*' || char === '_') {
        let end = i;
        while (line[end] === char) end++;
        this.delimiter(char, end - i, line[i - 1], line[end]);
        if (this.open + this.strayClosers > limit) return { kind: 'emphasis', at: i };
        i = end - 1;
      }
    }
    return undefined;
  }

  /** A run of `*` or `_`: it closes an opener it can match, or opens, or is text (CommonMark 6.2). */
  private delimiter(char: string, length: number, before: string | undefined, after: string | undefined): void {
    const spaceBefore = before === undefined || whitespace.test(before);
    const spaceAfter = after === undefined || whitespace.test(after);
    const punctBefore = before !== undefined && punctuation.test(before);
    const punctAfter = after !== undefined && punctuation.test(after);
    const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
    const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
    const canOpen = char === '*' ? left : left && (!right || punctBefore);
    const canClose = char === '*' ? right : right && (!left || punctAfter);
    const both = canOpen && canClose;
    const base = char === '*' ? 0 : 6;
    const mod = length % 3;
    if (canClose) {
      for (let slot = base; slot < base + 6; slot++) {
        if (this.openers[slot] === 0) continue;
        const openerMod = (slot - base) >> 1;
        const openerBoth = (slot & 1) === 1;
        if ((both || openerBoth) && (openerMod + mod) % 3 === 0 && !(openerMod === 0 && mod === 0)) continue;
        this.openers[slot] = (this.openers[slot] ?? 1) - 1;
        this.open--;
        return;
      }
    }
    if (canOpen) {
      const slot = base + mod * 2 + (both ? 1 : 0);
      this.openers[slot] = (this.openers[slot] ?? 0) + 1;
      this.open++;
    } else if (canClose) {
      this.strayClosers++;
    }
  }
}

function skipSpace(line: string, pos: number): number {
  while (line[pos] === ' ' || line[pos] === '\t') pos++;
  return pos;
}

/** The column of `pos`, with tabs to the next multiple of 4 as CommonMark counts indentation. */
function columnOf(line: string, pos: number): number {
  if (!line.includes('\t')) return pos;
  let column = 0;
  for (let i = 0; i < pos; i++) column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
}
