/**
 * cmark's pathological inputs (test/pathological_tests.py), with the sizes the
 * tests here use: cmark's own, or 30 000 repetitions where cmark's are larger.
 * Each is Markdown on which a parser that is not careful takes quadratic time
 * or worse, or recurses past its stack.
 */
export const pathological: Record<string, () => string> = {
  'nested strong emphasis': () => '*a **a '.repeat(30_000) + 'b' + ' a** a*'.repeat(30_000),
  'emphasis closers with no openers': () => 'a_ '.repeat(30_000),
  'emphasis openers with no closers': () => '_a '.repeat(30_000),
  'link closers with no openers': () => 'a]'.repeat(30_000),
  'link openers with no closers': () => '[a'.repeat(30_000),
  'mismatched openers and closers': () => '*a_ '.repeat(30_000),
  'openers and closers multiple of 3': () => 'a**b' + 'c* '.repeat(30_000),
  'a**a* alternations': () => 'a**a*'.repeat(30_000),
  'link openers and emphasis closers': () => '[ a_'.repeat(30_000),
  'nested brackets': () => '['.repeat(30_000) + 'a' + ']'.repeat(30_000),
  'nested block quotes': () => '> '.repeat(30_000) + 'a',
  'deeply nested lists': () => Array.from({ length: 1000 }, (_, x) => '  '.repeat(x) + '* a\n').join(''),
  // cmark's 10 000 runs make 50 MB, which the size cap refuses unread; 2000 make 2 MB.
  backticks: () => Array.from({ length: 2000 }, (_, x) => 'e' + '`'.repeat(x + 1)).join(''),
  'unclosed links A': () => '[a](<b'.repeat(30_000),
  'unclosed links B': () => '[a](b'.repeat(30_000),
  'many link reference definitions': () =>
    Array.from({ length: 30_000 * 16 }, (_, x) => `[${x + 1}]: u\n`).join('') + '[0] '.repeat(30_000),
  'U+0000 in input': () => 'abc\u0000de\u0000',
};
