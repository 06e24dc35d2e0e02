import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { el, keepAhead, type PdfChild, type StyleName } from '../element.js';
import { estimateLines } from '../lines.js';
import type { State } from '../state.js';
import { insets } from '../stylesheet.js';

const alignStyle: Record<string, StyleName> = { left: 'alignLeft', center: 'alignCenter', right: 'alignRight' };

/** Average advance of a text character, in em: enough to size columns, not to set type. */
const averageAdvance = 0.55;

/** Smallest size a wide table may shrink to, in points. */
const smallestSize = 6;

/**
 * A table as rows of cells; a row never splits across pages, and the header row
 * is `fixed`: react-pdf draws it again at the top of every page the table runs
 * on to, above the rows that continue there. Words in cells are
 * never hyphenated, so every column is at least as wide as its longest word, and
 * beyond that columns share the width in proportion to their text. When even the
 * longest words do not fit side by side, the whole table is set smaller, down to
 * 6 pt; past that, words are cut to fit their column (a hyphen marks each cut).
 */
export function table(state: State, node: Table): PdfChild[] {
  const layout = tableLayout(
    node,
    state.textWidth - state.inset,
    state.tokens.size.small,
    insets(state.tokens).cellPadding,
  );
  const size = layout.fontSize < state.tokens.size.small ? { fontSize: layout.fontSize } : {};
  const rows = node.children.map((row, rowIndex) =>
    el(
      'View',
      rowIndex === 0 ? ['tableRow', 'tableHeaderRow'] : ['tableRow'],
      layout.widths.map((width, column) => {
        const cell = row.children[column];
        const align = node.align?.[column];
        const textStyle: StyleName[] = [
          'tableText',
          ...(rowIndex === 0 ? (['tableHeaderText'] as const) : []),
          ...(align ? [alignStyle[align] ?? 'alignLeft'] : []),
        ];
        const words = layout.chunk[column] === undefined ? { noHyphens: true } : { wordChunk: layout.chunk[column] };
        const content = cell
          ? scaleCode(state.all(cell), layout.fontSize / state.tokens.size.small, state.tokens.size.code)
          : [];
        return el('View', ['tableCell'], [el('Text', textStyle, content, words, size)], undefined, {
          width: `${width}%`,
        });
      }),
      rowIndex === 0 ? { wrap: false, fixed: true } : { wrap: false },
    ),
  );
  // The header never ends a page alone: the table starts where its first row fits below it.
  // The rows' heights are estimates and their rules add a point or two: a line's worth of slack.
  const width = state.textWidth - state.inset;
  const line = layout.fontSize * state.tokens.leading.body;
  const ahead = firstRowHeights(node, layout, width, state.tokens.leading.body, insets(state.tokens)).reduce(
    (sum, h) => sum + h,
    state.tokens.space.block + line,
  );
  return [keepAhead(ahead), el('View', ['table'], rows)];
}

/** Estimated height of the header and the first row, in points: each one's tallest cell's lines at the table's size. */
function firstRowHeights(
  node: Table,
  layout: { widths: number[]; fontSize: number },
  width: number,
  leading: number,
  { cellPadding: padding, cellPaddingVertical }: ReturnType<typeof insets>,
): number[] {
  return node.children.slice(0, 2).map((row) => {
    const lines = layout.widths.map((percent, column) => {
      const cell = row.children[column];
      const text = cell ? toString(cell) : '';
      return estimateLines(text, Math.max(1, (percent / 100) * width - 2 * padding), layout.fontSize, averageAdvance);
    });
    return Math.max(1, ...lines) * layout.fontSize * leading + 2 * cellPaddingVertical;
  });
}

/** Column widths in percent of the table, and the font size the cells need. */
export function tableLayout(
  node: Table,
  width: number,
  fontSize: number,
  padding: number,
): { widths: number[]; fontSize: number; chunk: (number | undefined)[] } {
  const columns = Math.max(...node.children.map((row) => row.children.length), 1);
  const texts = Array.from({ length: columns }, (_, column) =>
    node.children.map((row) => toString(row.children[column] ?? { type: 'text', value: '' })),
  );
  const longestWord = texts.map((cells) =>
    Math.max(1, ...cells.flatMap((text) => text.split(/\s+/).map((w) => [...w].length))),
  );
  const longestText = texts.map((cells) => Math.max(1, ...cells.map((text) => [...text].length)));
  const room = width - columns * 2 * padding;
  const wordsNeed = longestWord.reduce((sum, n) => sum + n + 1, 0) * averageAdvance;
  const size = Math.max(smallestSize, Math.min(fontSize, room / wordsNeed));
  // Each column's floor is its longest word; the rest is shared by text length (up to 40 characters).
  const floors = longestWord.map((n) => ((n + 1) * averageAdvance * size + 2 * padding) / width);
  const spare = Math.max(0, 1 - floors.reduce((sum, f) => sum + f, 0));
  const extra = longestText.map((n, c) => Math.max(0, Math.min(n, 40) - (longestWord[c] ?? 0)));
  const extraTotal = extra.reduce((sum, e) => sum + e, 0) || 1;
  // Too many long words even at the smallest size: the columns whose longest word is
  // short keep it whole, and only the others share what is left, their words cut to fit.
  const fits = wordsNeed * size <= room;
  const widths = fits ? floors.map((floor, c) => floor + (spare * (extra[c] ?? 0)) / extraTotal) : waterFilled(floors);
  const total = widths.reduce((sum, w) => sum + w, 0);
  const chunk = widths.map((w, c) =>
    fits || w >= (floors[c] ?? 0)
      ? undefined
      : Math.max(3, Math.floor(((w / total) * width - 2 * padding) / (averageAdvance * size)) - 1),
  );
  return {
    widths: widths.map((w) => Math.round((w / total) * 10000) / 100),
    fontSize: Math.round(size * 10) / 10,
    chunk,
  };
}

/**
 * Shares of a width that cannot hold every column's floor: a column whose floor fits
 * in an even share of what the wider ones leave gets its floor, and the columns left
 * over share the rest evenly.
 */
function waterFilled(floors: readonly number[]): number[] {
  const widths: (number | undefined)[] = floors.map(() => undefined);
  let left = 1;
  for (;;) {
    const open = floors.flatMap((_, c) => (widths[c] === undefined ? [c] : []));
    const share = left / Math.max(1, open.length);
    const narrow = open.filter((c) => (floors[c] ?? 0) <= share);
    if (narrow.length === 0 || narrow.length === open.length) {
      for (const c of open) widths[c] = narrow.length === open.length ? (floors[c] ?? 0) : share;
      return widths.map((w) => w ?? 0);
    }
    for (const c of narrow) {
      widths[c] = floors[c] ?? 0;
      left -= floors[c] ?? 0;
    }
  }
}

/** Inline code has a size of its own: a table set smaller must shrink it too, or it overruns its cell. */
function scaleCode(children: PdfChild[], factor: number, codeSize: number): PdfChild[] {
  if (factor >= 1) return children;
  return children.map((child) => {
    if (typeof child === 'string') return child;
    const fontSize = Math.round(codeSize * factor * 10) / 10;
    const scaled = child.style?.includes('inlineCode') ? { css: { ...child.css, fontSize } } : {};
    return {
      ...child,
      ...scaled,
      ...(child.children ? { children: scaleCode(child.children, factor, codeSize) } : {}),
    };
  });
}
