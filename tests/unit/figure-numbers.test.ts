import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { figureNumbers } from '../../src/plugins/figure-numbers.js';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

test('figures are numbered through the book in reading order: lone images only, notes left out', () => {
  const one = parse(
    '![a](a.png)\n\nText with ![inline](b.png) in it.\n\n![c][ref]\n\n[ref]: c.png\n\nA note.[^n]\n\n[^n]: ![in a note](n.png)\n',
  );
  const two = parse('> ![quoted](d.png)\n\n![e](e.png) ![f](f.png)\n');
  const numbers = figureNumbers([{ tree: one }, { tree: two }]);
  const named = new Map<string, number | undefined>();
  for (const tree of [one, two]) {
    visit(tree, (node) => {
      if (node.type === 'image') named.set(node.alt ?? '', numbers.get(node));
      if (node.type === 'imageReference') named.set(node.alt ?? '', numbers.get(node));
    });
  }
  expect(Object.fromEntries(named)).toEqual({
    a: 1,
    inline: undefined,
    c: 2,
    'in a note': undefined,
    quoted: 3,
    e: undefined,
    f: undefined,
  });
});
