/** A page or sheet size in points, [width, height], portrait. */
export type PaperSize = [number, number];

const mm = 72 / 25.4;

/** Named sizes a user can ask for with `--paper`. */
export const papers: Readonly<Record<string, PaperSize>> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
  a5: [419.53, 595.28],
  '6x9': [432, 648],
};

/**
 * Regions that print on US Letter (the United States, Canada, Mexico and the
 * Americas that follow them, the Philippines); everywhere else uses A4.
 */
const letterRegions = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV', 'NI']);

/** The paper a book in `lang` most likely prints on: `letter` for en-US and its neighbours, else `a4`. */
export function paperForLang(lang: string): 'letter' | 'a4' {
  const region = lang
    .split('-')
    .slice(1)
    .find((part) => /^[A-Za-z]{2}$|^\d{3}$/.test(part));
  return region && letterRegions.has(region.toUpperCase()) ? 'letter' : 'a4';
}

/**
 * Read `--paper`: a name (a4, letter, a5, 6x9) or a custom size such as
 * `210x297mm`, `8.5x11in` or `400x600pt`. Undefined when it is neither.
 */
export function parsePaper(value: string): PaperSize | undefined {
  const named = papers[value.toLowerCase()];
  if (named) return [...named];
  const match = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = { mm, cm: mm * 10, in: 72, pt: 1 }[(match[3] ?? 'pt').toLowerCase() as 'mm' | 'cm' | 'in' | 'pt'];
  const size: PaperSize = [Number(match[1]) * unit, Number(match[2]) * unit];
  return size[0] > 0 && size[1] > 0 ? size : undefined;
}

/** The page that folds out of a sheet: half its height wide, its width high (A4 → A5). */
export function halfSheet([width, height]: PaperSize): PaperSize {
  return [height / 2, width];
}

/** Millimetres in points. */
export function fromMm(value: number): number {
  return value * mm;
}
