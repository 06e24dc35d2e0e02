import type { Root } from 'mdast';
import { expect, test } from 'vitest';
import { VFile } from 'vfile';
import { formatMessages } from '../../src/core/report.js';
import { remarkCheckNodes } from '../../src/plugins/remark-check-nodes.js';
import { writeEpub } from '../../src/writers/epub/index.js';
import { bookDocument } from '../../src/writers/pdf/document.js';
import { writePdf } from '../../src/writers/pdf/index.js';
import type { Book } from '../../src/types/book.js';
import { classicTheme } from '../../styles/themes/classic.js';

/** A tree with nodes no writer knows, as a math or directive plugin would add them. */
function strangeTree(): Root {
  const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 9 } });
  return {
    type: 'root',
    children: [
      { type: 'math', value: 'E = mc^2', position: at(1) } as never,
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Before ' },
          { type: 'inlineMath', value: 'x^2', position: at(3) } as never,
          {
            type: 'textDirective',
            name: 'abbr',
            children: [{ type: 'text', value: 'HTML' }],
            position: at(3),
          } as never,
        ],
      },
    ],
  };
}

test('a node no writer knows is a warning at its position, and both writers keep its text', async () => {
  const file = new VFile({ path: '/book/chapter.md', value: '' });
  const tree = strangeTree();
  remarkCheckNodes()(tree, file);
  expect(formatMessages([file], '/book').filter((line) => !line.startsWith('  hint'))).toEqual([
    'chapter.md:1:1: warning: Unsupported Markdown element `math`; only its text is kept [node-unknown]',
    'chapter.md:3:1: warning: Unsupported Markdown element `inlineMath`; only its text is kept [node-unknown]',
    'chapter.md:3:1: warning: Unsupported Markdown element `textDirective`; only its text is kept [node-unknown]',
  ]);

  const book: Book = {
    root: '/book',
    metaFile: file,
    meta: { title: 'Strange', authors: [], lang: 'en' },
    chapters: [{ file, tree }],
    targets: { ids: new Map(), files: new Map(), local: new Map() },
    assets: new Map(),
    buildDate: new Date(0),
  };
  expect(JSON.stringify(bookDocument(book, classicTheme))).toContain('"Before ","x^2","HTML"');
  const pdf = await writePdf(book, { tokens: classicTheme });
  expect(pdf.pages).toBe(1);
  const epub = await writeEpub(book, { tokens: classicTheme });
  expect(epub.bytes.byteLength).toBeGreaterThan(1000);
});
