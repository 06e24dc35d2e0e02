import type { Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, type PdfChild, type StyleName } from '../element.js';
import type { State } from '../state.js';

const alignStyle: Record<string, StyleName> = { left: 'alignLeft', center: 'alignCenter', right: 'alignRight' };

/**
 * A table as rows of cells. Columns get widths in proportion to their longest
 * text (within bounds), and a row never splits across pages.
 */
export function table(state: State, node: Table): PdfChild[] {
  const widths = columnWidths(node);
  const rows = node.children.map((row, rowIndex) =>
    el(
      'View',
      rowIndex === 0 ? ['tableRow', 'tableHeaderRow'] : ['tableRow'],
      widths.map((width, column) => {
        const cell = row.children[column];
        const align = node.align?.[column];
        const textStyle: StyleName[] = align ? [alignStyle[align] ?? 'alignLeft'] : [];
        return el(
          'View',
          rowIndex === 0 ? ['tableCell', 'tableHeaderCell'] : ['tableCell'],
          [el('Text', textStyle, cell ? cellContent(state, cell) : [])],
          undefined,
          { width: `${width}%` },
        );
      }),
      { wrap: false },
    ),
  );
  return [el('View', ['table'], rows)];
}

function cellContent(state: State, cell: TableCell): PdfChild[] {
  return state.all(cell);
}

function columnWidths(node: Table): number[] {
  const columns = Math.max(...node.children.map((row) => row.children.length), 1);
  const weights = Array.from({ length: columns }, (_, column) => {
    const longest = Math.max(
      ...node.children.map((row) => toString(row.children[column] ?? { type: 'text', value: '' }).length),
    );
    return Math.min(Math.max(longest, 4), 40);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.round((weight / total) * 10000) / 100);
}
