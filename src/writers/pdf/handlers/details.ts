import type { Details } from '../../../plugins/html-nodes.js';
import { el, type PdfChild } from '../element.js';
import type { State } from '../state.js';
import { insets } from '../stylesheet.js';

/**
 * `<details>`: paper cannot hide anything, so the content is printed below its
 * summary, which leads in bold; a thin rule at the left shows where it ends.
 */
export function details(state: State, node: Details): PdfChild[] {
  const inset = insets(state.tokens);
  const content = state.within(inset.quote + inset.quoteBar, () =>
    node.children.flatMap((child) =>
      child.type === 'summary' ? [el('Text', ['paragraph', 'summary'], state.all(child))] : state.one(child, node),
    ),
  );
  return [el('View', ['details'], content)];
}
