import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';

interface Section {
  heading: Heading;
  items: (RootContent | Section)[];
}

/**
 * A chapter's blocks, grouped into nested sections by heading level. Each section
 * is a View that carries the heading's bookmark, so the PDF outline nests the way
 * the headings do (react-pdf nests a bookmark under its nearest bookmarked ancestor).
 */
export function root(state: State, node: Root): PdfChild[] {
  const top: (RootContent | Section)[] = [];
  const stack: { depth: number; items: (RootContent | Section)[] }[] = [{ depth: 0, items: top }];
  for (const child of node.children) {
    if (child.type === 'heading') {
      while ((stack.at(-1)?.depth ?? 0) >= child.depth) stack.pop();
      const section: Section = { heading: child, items: [] };
      stack.at(-1)?.items.push(section);
      stack.push({ depth: child.depth, items: section.items });
    } else {
      stack.at(-1)?.items.push(child);
    }
  }
  return renderItems(state, node, top);
}

function renderItems(state: State, node: Root, items: (RootContent | Section)[]): PdfChild[] {
  return items.flatMap((item) => {
    if (!('heading' in item)) return state.one(item, node);
    const title = toString(item.heading);
    return [
      el('View', undefined, [...state.one(item.heading, node), ...renderItems(state, node, item.items)], {
        bookmark: { title, fit: true, expanded: true },
      }),
    ];
  });
}
