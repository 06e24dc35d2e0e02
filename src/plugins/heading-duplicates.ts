import { slug } from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Book } from '../types/book.js';
import { report } from '../types/messages.js';

/**
 * Warn at every heading that repeats another heading of its chapter: GitHub's
 * slugger gives the second “Results” `#results-1`, so a link written `#results`
 * reaches only the first, and the author rarely knows which is which. The same
 * heading in different chapters (a “Summary” in each) is left alone: a link
 * between chapters names the chapter's file, and a wrong id there is a broken
 * link, reported with the id it should be.
 */
export function checkHeadingIds(book: Pick<Book, 'chapters'>): void {
  for (const chapter of book.chapters) {
    const first = new Map<string, Heading>();
    visit(chapter.tree as Root, 'heading', (node) => {
      const id = node.data?.id;
      if (id === undefined) return;
      // remark-heading-ids names a heading with no text `section`.
      const wanted = slug(toString(node)) || slug('section');
      const holder = first.get(wanted);
      if (!holder) {
        first.set(wanted, node);
        return;
      }
      const line = holder.position?.start.line;
      const firstId = holder.data?.id ?? wanted;
      report(chapter.file, {
        reason: `Heading repeats the one ${line === undefined ? 'above' : `at line ${line}`}; its id is #${id}, the first one's #${firstId}`,
        ruleId: 'heading-duplicate',
        place: node,
        hint: `give the headings different words; a link to #${firstId} reaches only the first`,
        severity: 'warning',
      });
    });
  }
}
