import path from 'node:path';
import { slug } from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Book } from '../types/book.js';
import { report } from '../types/messages.js';

/**
 * Warn at every heading whose id had to be changed to stay unique in the book:
 * GitHub's slugger gives the second “Results” `#results-1`, so a link to
 * `#results` can only reach the first, and the author rarely knows which is which.
 * Run after every chapter has its ids (the slugger is shared across the book).
 */
export function checkHeadingIds(book: Pick<Book, 'chapters'>): void {
  const holders = new Map<string, { file: string; heading: Heading }>();
  for (const chapter of book.chapters) {
    visit(chapter.tree as Root, 'heading', (node) => {
      const id = node.data?.id;
      if (id === undefined) return;
      // remark-heading-ids names a heading with no text `section`.
      const wanted = slug(toString(node)) || slug('section');
      const holder = holders.get(wanted);
      holders.set(id, { file: chapter.file.path, heading: node });
      if (id === wanted) return;
      const where = holder ? ` by the heading at ${place(holder, chapter.file.path)}` : '';
      report(chapter.file, {
        reason: `Heading id #${wanted} is taken${where}; this heading gets #${id}`,
        ruleId: 'heading-duplicate',
        place: node,
        hint: `give the headings different words; a link to #${wanted} reaches only the first`,
        severity: 'warning',
      });
    });
  }
}

/** `line 7` in the same chapter, `other.md:7:1` in another one. */
function place(holder: { file: string; heading: Heading }, from: string): string {
  const start = holder.heading.position?.start;
  if (holder.file === from) return start ? `line ${start.line}` : 'above';
  const name = path.relative(path.dirname(from), holder.file).split(path.sep).join('/');
  return start ? `${name}:${start.line}:${start.column}` : name;
}
