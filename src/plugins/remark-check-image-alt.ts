import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * Warn at an image without alt text. The EPUB writes `alt=""`, which tells screen
 * readers to skip the picture, and the PDF has nothing to show where it cannot draw
 * one; Octavo never makes up a description, since a wrong one is worse than none.
 */
export function remarkCheckImageAlt() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      if (node.alt?.trim()) return;
      report(file, {
        reason: 'Image has no alt text',
        ruleId: 'image-alt-missing',
        place: node,
        hint: 'describe what the picture shows between the brackets: ![A crowd outside the palace](images/crowd.jpg)',
        severity: 'warning',
      });
    });
  };
}
