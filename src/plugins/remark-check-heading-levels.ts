import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * Warn at a heading more than one level below the heading before it (`##` then
 * `####`): the outline, the EPUB's table of contents and screen readers would show
 * a level with nothing in it. A chapter may open at any level (the shipped article
 * opens at `##`, under the book's title), so only steps down are checked.
 */
export function remarkCheckHeadingLevels() {
  return (tree: Root, file: VFile): void => {
    let previous: number | undefined;
    visit(tree, 'heading', (node) => {
      if (previous !== undefined && node.depth > previous + 1) {
        const marks = (depth: number): string => '#'.repeat(depth);
        report(file, {
          reason: `Heading level skips from ${marks(previous)} to ${marks(node.depth)}`,
          ruleId: 'heading-skip',
          place: node,
          hint: `make it a ${marks(previous + 1)} heading, or add the ${marks(previous + 1)} heading it belongs under`,
          severity: 'warning',
        });
      }
      previous = node.depth;
    });
  };
}
