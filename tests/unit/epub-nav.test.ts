import { expect, test } from 'vitest';
import { assignPlayOrder, hrefTo } from '../../src/writers/epub/nav.js';

test('NCX playOrder follows reading order for headings whose ids are not ASCII', () => {
  // The hrefs carry the ids percent-encoded; the documents carry them as they are.
  const documents = [
    { id: 'ch01', xhtml: '<h1 id="start">Start</h1>\n<h2 id="über">Über</h2>\n<h2 id="zoë">Zoë</h2>' },
    { id: 'ch02', xhtml: '<h1 id="한국어">한국어</h1>\n<h2 id="end">End</h2>' },
  ];
  const targets = [
    { href: 'ch01.xhtml', order: 0 },
    { href: hrefTo(0, 'über'), order: 0 },
    { href: hrefTo(0, 'zoë'), order: 0 },
    { href: 'ch02.xhtml', order: 0 },
    { href: hrefTo(1, 'end'), order: 0 },
  ];
  assignPlayOrder(documents, targets);
  expect(targets.map((t) => t.order)).toEqual([1, 2, 3, 4, 5]);
});
