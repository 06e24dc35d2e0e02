import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../types/messages.js';
import { pointAt } from './source-point.js';

/**
 * A footnote call as written. remark-gfm makes `[^x]` a reference only when the
 * chapter defines `[^x]:`; otherwise the brackets stay in the text, where readers
 * would see them. An escaped `\[^x]` is the author asking for the brackets.
 */
const call = /(?<!\\)\[\^([^\]\s]+)\]/g;

/**
 * Footnotes belong to their chapter. Warn at a definition nothing cites (neither
 * output prints it) and at a call with no definition (printed as its brackets).
 */
export function remarkCheckFootnotes() {
  return (tree: Root, file: VFile): void => {
    const defined = new Set<string>();
    const cited = new Set<string>();
    visit(tree, (node) => {
      if (node.type === 'footnoteDefinition') defined.add(node.identifier);
      if (node.type === 'footnoteReference') cited.add(node.identifier);
    });
    visit(tree, 'footnoteDefinition', (node) => {
      if (cited.has(node.identifier)) return;
      report(file, {
        reason: `Footnote [^${node.label ?? node.identifier}] is never cited; it is left out`,
        ruleId: 'footnote-unused',
        place: node,
        hint: `cite it in the text with [^${node.label ?? node.identifier}], or delete the note`,
        severity: 'warning',
      });
    });
    const source = String(file.value);
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      for (const match of source.slice(start, end).matchAll(call)) {
        const label = match[1] ?? '';
        if (defined.has(normalize(label))) continue;
        report(file, {
          reason: `Footnote [^${label}] is not defined in this chapter; its brackets are printed as text`,
          ruleId: 'footnote-undefined',
          place: pointAt(source, start + (match.index ?? 0)),
          hint: `add a definition on a line of its own in this chapter: [^${label}]: The note.`,
          severity: 'warning',
        });
      }
    });
  };
}

/** A label as micromark identifies it (normalizeIdentifier): case and runs of white space do not matter. */
function normalize(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}
