import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, test } from 'vitest';
import { VFile } from 'vfile';
import { createProcessor } from '../../src/core/processor.js';
import { urlScheme } from '../../src/plugins/html-policy.js';
import { keepToAllowList } from '../../src/writers/epub/sanitize.js';

/** A chapter read as a book reads it, with its messages as `line:col rule`. */
async function read(markdown: string): Promise<{ tree: Root; messages: string[] }> {
  const processor = createProcessor({ slugger: new GithubSlugger(), root: '/book', assets: new Map(), lang: 'en' });
  const file = new VFile({ path: '/book/chapter.md', value: markdown });
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return { tree, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

/** The tree without positions, for comparing shapes. */
const shape = (tree: Root): unknown =>
  JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)));

describe('urlScheme reads a URL as a browser does', () => {
  test.each([
    ['JaVaScRiPt:alert(1)', 'javascript'],
    ['java\tscript:alert(1)', 'javascript'],
    ['jav\nascript:alert(1)', 'javascript'],
    ['\u0001 javascript:alert(1)', 'javascript'],
    ['java\u200bscript:alert(1)', 'javascript'],
    ['  vbscript:x', 'vbscript'],
    ['DATA:text/html,x', 'data'],
    [' https://example.com/', 'https'],
    ['mailto:a@example.com', 'mailto'],
    ['#an-id', undefined],
    ['two.md#an-id', undefined],
    ['images/a:b.png', undefined],
  ])('%j → %s', (url, scheme) => {
    expect(urlScheme(url)).toBe(scheme);
  });
});

describe('raw HTML becomes Markdown nodes', () => {
  test('tags split over a line’s nodes are put together again, and a heading’s id is made from its text', async () => {
    const { tree } = await read(
      '## A <em>fine</em> heading\n\nH<sub>2</sub>O and x<sup>2</sup> with <kbd>Esc</kbd>.\n',
    );
    const [heading, paragraph] = tree.children;
    expect(heading?.type === 'heading' && heading.data?.id).toBe('a-fine-heading');
    expect(shape({ type: 'root', children: paragraph ? [paragraph] : [] })).toEqual({
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'H' },
            { type: 'subscript', children: [{ type: 'text', value: '2' }] },
            { type: 'text', value: 'O and x' },
            { type: 'superscript', children: [{ type: 'text', value: '2' }] },
            { type: 'text', value: ' with ' },
            { type: 'keyboard', children: [{ type: 'text', value: 'Esc' }] },
            { type: 'text', value: '.' },
          ],
        },
      ],
    });
  });

  test('an HTML block around Markdown blocks holds them, in a list item too', async () => {
    const { tree, messages } = await read(
      '- <details>\n  <summary>Why?</summary>\n\n  Because *so*.\n\n  </details>\n\n<em>\n\nA whole paragraph.\n\n</em>\n',
    );
    expect(messages).toEqual([]);
    const item = tree.children[0]?.type === 'list' ? tree.children[0].children[0] : undefined;
    const details = item?.children[0];
    expect(details?.type).toBe('details');
    expect(details && 'children' in details ? details.children.map((child) => child.type) : []).toEqual([
      'summary',
      'paragraph',
    ]);
    expect(details ? toString(details) : '').toBe('Why?Because so.');
    const emphasised = tree.children[1];
    expect(emphasised?.type === 'paragraph' && emphasised.children[0]?.type).toBe('emphasis');
  });

  test('positions inside a block quote count its markers', async () => {
    const { messages } = await read(
      '> Text <span\n> onclick="x">y</span>\n>\n> <div>\n> <b onmouseover="z">b</b>\n> </div>\n',
    );
    expect(messages.sort()).toEqual(['1:8 html-raw', '2:3 html-removed', '4:3 html-raw', '5:6 html-removed']);
  });

  test('an unclosed element removed with its content keeps the Markdown blocks it swallowed, not the words of its line', async () => {
    const { tree, messages } = await read(
      '<title>\n\nStill here.\n\n- and this\n\nInline <script>gone</script> words.\n',
    );
    expect(messages).toEqual(['1:1 html-removed', '7:8 html-removed']);
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(toString(tree.children[2] ?? tree)).toBe('Inline  words.');
  });

  test('a placeholder character written in HTML stands for nothing; in Markdown text it is kept', async () => {
    const { tree } = await read(`<div>x\u{F0001}y</div>\n\nOnce.\n\n<b>\u{F0001}</b>\n`);
    expect(tree.children.map((node) => toString(node))).toEqual(['x\ufffd\ufffdy', 'Once.', '\u{F0001}']);
  });
});

test('the EPUB writer’s last pass keeps a tree to what it makes itself', () => {
  const root: HastRoot = {
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'p',
        properties: { onClick: 'x', className: ['a'], id: 'p1' },
        children: [
          { type: 'element', tagName: 'script', properties: {}, children: [{ type: 'text', value: 'alert(1)' }] },
          {
            type: 'element',
            tagName: 'a',
            properties: { href: 'javascript:alert(1)' },
            children: [{ type: 'text', value: 'x' }],
          },
          {
            type: 'element',
            tagName: 'a',
            properties: { href: 'https://example.com/' },
            children: [{ type: 'text', value: 'y' }],
          },
          {
            type: 'element',
            tagName: 'img',
            properties: { src: 'https://evil.example/x.png', style: 'position: fixed' },
            children: [],
          },
          {
            type: 'element',
            tagName: 'img',
            properties: { src: 'images/img-001-a.png', style: 'width: 50%' },
            children: [],
          },
        ],
      },
    ],
  };
  keepToAllowList(root);
  expect(toHtml(root)).toBe(
    '<p class="a" id="p1"><a>x</a><a href="https://example.com/">y</a><img><img src="images/img-001-a.png" style="width: 50%"></p>',
  );
});
