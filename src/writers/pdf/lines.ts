import type { PdfChild } from './element.js';

/**
 * Cut inline content into lines at every "\n", cloning the styled elements that a
 * line break falls inside. react-pdf looks up "\n" in the fonts like any other
 * character, finds it in none, and falls back to Helvetica: a standard-14 font,
 * not embedded, in every PDF with a line break. So a hard break becomes a new Text.
 */
export function splitLines(children: readonly PdfChild[]): PdfChild[][] {
  const lines: PdfChild[][] = [[]];
  const append = (parts: PdfChild[][], wrap: (part: PdfChild[], first: boolean) => PdfChild | undefined): void => {
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      const wrapped = wrap(part, index === 0);
      if (wrapped !== undefined) lines.at(-1)?.push(wrapped);
    });
  };
  for (const child of children) {
    if (typeof child === 'string') {
      append(
        child.split('\n').map((part) => [part]),
        ([part]) => (part ? part : undefined),
      );
    } else {
      append(splitLines(child.children ?? []), (part, first) => {
        if (part.length === 0 && child.children?.length) return undefined;
        // An id names one place: it stays with the first piece.
        const { id: _id, ...props } = child.props ?? {};
        return {
          ...child,
          ...(first || !child.props ? {} : { props }),
          ...(part.length > 0 ? { children: part } : {}),
        };
      });
    }
  }
  return lines;
}

/** Average advance of a text face's characters, in em: generous, so an estimate errs towards more lines. */
const proportionalAdvance = 0.5;

/**
 * How many lines `text` takes in a column `width` points wide at `fontSize`:
 * an estimate for keeping blocks together before react-pdf has laid them out.
 */
export function estimateLines(text: string, width: number, fontSize: number, advance = proportionalAdvance): number {
  const perLine = Math.max(1, Math.floor(width / (advance * fontSize)));
  return Math.max(1, Math.ceil([...text].length / perLine));
}
