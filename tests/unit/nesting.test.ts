import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findDeepNesting } from '../../src/resources/nesting.js';
import { maxNesting } from '../../src/resources/limits.js';
import { repoRoot } from '../helpers/books.js';
import { pathological } from '../helpers/pathological.js';

/** Every Markdown file the project ships: its manuscript, the `init` template, the fixtures. */
function realMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return realMarkdown(file);
    return /\.(md|markdown)$/.test(name) ? [file] : [];
  });
}

describe('the nesting pre-scan', () => {
  test.each([
    ['nested strong emphasis', { kind: 'emphasis', line: 1, column: 351 }],
    ['emphasis closers with no openers', { kind: 'emphasis', line: 1, column: 302 }],
    ['emphasis openers with no closers', { kind: 'emphasis', line: 1, column: 301 }],
    ['link closers with no openers', { kind: 'brackets', line: 1, column: 202 }],
    ['link openers with no closers', { kind: 'brackets', line: 1, column: 201 }],
    ['mismatched openers and closers', { kind: 'emphasis', line: 1, column: 201 }],
    ['openers and closers multiple of 3', { kind: 'emphasis', line: 1, column: 303 }],
    ['link openers and emphasis closers', { kind: 'brackets', line: 1, column: 401 }],
    ['nested brackets', { kind: 'brackets', line: 1, column: 101 }],
    ['nested block quotes', { kind: 'containers', line: 1, column: 201 }],
    ['deeply nested lists', { kind: 'containers', line: 101, column: 201 }],
    ['unclosed links A', { kind: 'parentheses', line: 1, column: 604 }],
    ['unclosed links B', { kind: 'parentheses', line: 1, column: 504 }],
  ])('%s: refused where the limit is crossed', (name, where) => {
    expect(findDeepNesting(pathological[name]!())).toEqual(where);
  });

  test('it takes linear time: a 20 MB chapter of nothing but delimiters is scanned in seconds', () => {
    // Generous for a shared machine; a quadratic scan would take hours.
    const text = ('*a* _b_ [c] (d) `e` ' + 'f '.repeat(20) + '\n').repeat(400_000);
    const started = performance.now();
    expect(findDeepNesting(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  test('nesting up to the limit is let through, one more is not', () => {
    const quotes = (n: number) => '> '.repeat(n) + 'a\n';
    const lists = (n: number) => Array.from({ length: n }, (_, x) => '  '.repeat(x) + '- a\n').join('');
    const mixed = (n: number) => '- > '.repeat(n / 2) + 'a\n';
    const brackets = (n: number) => '['.repeat(n) + 'a' + ']'.repeat(n) + '\n';
    const parentheses = (n: number) => 'a ' + '('.repeat(n) + 'b' + ')'.repeat(n) + '\n';
    const emphasis = (n: number) => '*a **a '.repeat(n / 2) + 'b' + ' a** a*'.repeat(n / 2) + '\n';
    for (const make of [quotes, lists, mixed, brackets, parentheses, emphasis]) {
      expect(findDeepNesting(make(maxNesting))).toBeUndefined();
      expect(findDeepNesting(make(maxNesting + 4))).toBeDefined();
    }
  });

  test('a paragraph starts afresh after a blank line, a list item or a heading', () => {
    const open = '[a '.repeat(60);
    expect(findDeepNesting(`${open}\n\n${open}\n`)).toBeUndefined();
    expect(findDeepNesting(`- ${open}\n- ${open}\n`)).toBeUndefined();
    expect(findDeepNesting(`# ${open}\n${open}\n`)).toBeUndefined();
    expect(findDeepNesting(`${open}\n${open}\n`)).toMatchObject({ kind: 'brackets', line: 2 });
  });

  test('code is not counted: fenced, inline, escaped', () => {
    const deep = '['.repeat(300);
    expect(findDeepNesting('```\n' + deep + '\n```\n')).toBeUndefined();
    expect(findDeepNesting('~~~~ lisp\n' + '('.repeat(300) + '\n~~~~\n')).toBeUndefined();
    expect(findDeepNesting('> ```\n> ' + deep + '\n> ```\n')).toBeUndefined();
    expect(findDeepNesting('text `' + deep + '` text\n')).toBeUndefined();
    expect(findDeepNesting('\\['.repeat(300) + '\n')).toBeUndefined();
    expect(findDeepNesting('snake_case_name '.repeat(300) + '\n')).toBeUndefined();
    expect(findDeepNesting('2 * 3 = 6 '.repeat(300) + '\n')).toBeUndefined();
    expect(findDeepNesting('*a* _b_ **c** '.repeat(1000) + '\n')).toBeUndefined();
  });

  test('no real book is refused: the manuscript, the template and every fixture', () => {
    const files = [
      ...realMarkdown(path.join(repoRoot, 'manuscript')),
      ...realMarkdown(path.join(repoRoot, 'src/commands/template')),
      ...realMarkdown(path.join(repoRoot, 'tests/fixtures')),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect([file, findDeepNesting(readFileSync(file, 'utf8'))]).toEqual([file, undefined]);
  });
});
