/** How pages go onto sheets. */
export type Imposition = 'booklet' | '2up' | '4up';

export const impositions: readonly Imposition[] = ['booklet', '2up', '4up'];

/**
 * One side of a printed sheet: its cells in reading order (left to right, then
 * top to bottom), each holding a page number (1-based) or null for a blank.
 */
export interface SheetSide {
  columns: number;
  rows: number;
  cells: (number | null)[];
}

/**
 * Which page goes where, for `pages` pages.
 * - booklet: two pages per side in saddle-stitch order, padded with blanks to a
 *   multiple of four. Sheet k (from 0) of a booklet of m pages carries m−2k and
 *   2k+1 on its front and 2k+2 and m−2k−1 on its back, so the stack of sheets,
 *   printed on both sides and folded in the middle, reads 1, 2, 3…
 * - 2up: pages 1–2, 3–4… side by side.
 * - 4up: pages 1–4, 5–8… in a two-by-two grid.
 */
export function sheetSides(mode: Imposition, pages: number): SheetSide[] {
  const page = (n: number): number | null => (n <= pages ? n : null);
  const sides: SheetSide[] = [];
  if (mode === 'booklet') {
    const padded = Math.max(4, Math.ceil(pages / 4) * 4);
    for (let k = 0; k < padded / 4; k++) {
      sides.push({ columns: 2, rows: 1, cells: [page(padded - 2 * k), page(2 * k + 1)] });
      sides.push({ columns: 2, rows: 1, cells: [page(2 * k + 2), page(padded - 2 * k - 1)] });
    }
    return sides;
  }
  const [columns, rows] = mode === '2up' ? [2, 1] : [2, 2];
  const perSide = columns * rows;
  for (let first = 1; first <= Math.max(pages, 1); first += perSide) {
    sides.push({ columns, rows, cells: Array.from({ length: perSide }, (_, i) => page(first + i)) });
  }
  return sides;
}

/** The sheet a mode prints on, from the paper: landscape for two pages side by side, portrait for four. */
export function sheetFor(mode: Imposition, paper: [number, number]): [number, number] {
  const [short, long] = [Math.min(...paper), Math.max(...paper)];
  return mode === '4up' ? [short, long] : [long, short];
}
