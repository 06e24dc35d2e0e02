import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';

/**
 * Raw HTML is not passed through to either output: warn at its position. The
 * writers then keep only its text content.
 */
export function remarkCheckHtml() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'html', (node) => {
      // Comments are the author's notes to self; a closing tag was reported with its opening one.
      if (/^<!--[\s\S]*-->\s*$/.test(node.value) || /^<\//.test(node.value)) return;
      const tag = /^<\/?([a-zA-Z][\w-]*)/.exec(node.value)?.[1];
      report(file, {
        reason: /^(script|style)$/i.test(tag ?? '')
          ? `Raw HTML is not rendered: <${tag}> and its content are dropped`
          : `Raw HTML is not rendered${tag ? `: <${tag}>` : ''}; only its text is kept`,
        ruleId: 'html-raw',
        place: node,
        hint: 'write it in Markdown instead (e.g. *emphasis*, ![alt](image.png))',
        severity: 'warning',
      });
    });
  };
}
