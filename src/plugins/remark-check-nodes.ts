import type { Root } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { htmlNodeTypes } from './html-nodes.js';

/** Every node type remark-parse, remark-gfm, remark-frontmatter and remark-raw-html make: what the writers handle. */
export const knownNodeTypes: ReadonlySet<string> = new Set([
  'root',
  'paragraph',
  'heading',
  'thematicBreak',
  'blockquote',
  'list',
  'listItem',
  'code',
  'html',
  'definition',
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'image',
  'linkReference',
  'imageReference',
  'footnoteDefinition',
  'footnoteReference',
  'table',
  'tableRow',
  'tableCell',
  'yaml',
  ...htmlNodeTypes,
]);

/**
 * Warn, once per book whatever the formats, about a node no writer knows (from a
 * plugin added later, say). The writers then keep its text and never crash.
 */
export function remarkCheckNodes() {
  return (tree: Root, file: VFile): void => {
    visit(tree as Node, (node) => {
      if (knownNodeTypes.has(node.type)) return;
      report(file, {
        reason: `Unsupported Markdown element \`${node.type}\`; only its text is kept`,
        ruleId: 'node-unknown',
        place: node,
        hint: 'write it with the Markdown of CommonMark and GitHub (tables, footnotes, task lists)',
        severity: 'warning',
      });
    });
  };
}
