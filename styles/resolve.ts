import { onPaper } from './page-geometry.js';
import type { PaperSize } from './paper.js';
import type { Tokens } from './tokens.js';

/** Some of the fields of T; a field may be present and undefined (as a parsed config leaves it). */
type Some<T> = { [K in keyof T]?: T[K] | undefined };

/**
 * What a book may change in its theme (book.yaml's `style:`), in the tokens'
 * own shape and units. Validated in src/config/schema.ts.
 */
export interface StyleOverrides {
  fonts?: Some<Tokens['fonts']> | undefined;
  /** `headings` lists sizes from level 1 on; levels it leaves out keep the theme's. */
  size?: (Some<Omit<Tokens['size'], 'headings'>> & { headings?: number[] | undefined }) | undefined;
  leading?: Some<Tokens['leading']> | undefined;
  colors?: Some<Tokens['colors']> | undefined;
  page?:
    | {
        size?: PaperSize | undefined;
        margin?: Some<Tokens['page']['margin']> | undefined;
        /** Sets `layout.twoSided` and `layout.rightHandChapters`. */
        twoSided?: boolean | undefined;
      }
    | undefined;
  text?: Some<Tokens['text']> | undefined;
  figures?: Some<Tokens['figures']> | undefined;
}

/** Where the pages go: a paper that overrides the book's page size, and whether it is a booklet's half sheet. */
export interface Placement {
  size: PaperSize;
  booklet?: boolean;
}

/**
 * A theme with a book's overrides on top. The page size comes first (from
 * `placement`, else the book's `page.size`) and scales the theme's margins as
 * `--paper` does; then every value the book sets replaces the theme's as
 * given, margins included.
 */
export function resolveTokens(theme: Tokens, style: StyleOverrides = {}, placement?: Placement): Tokens {
  const size = placement?.size ?? style.page?.size;
  const base = size ? onPaper(theme, size, { booklet: placement?.booklet ?? false }) : theme;
  const headings = base.size.headings.map((pt, i) => style.size?.headings?.[i] ?? pt) as Tokens['size']['headings'];
  return {
    ...base,
    page: { size: base.page.size, margin: { ...bound(base, style, placement), ...given(style.page?.margin) } },
    layout: sides(base.layout, style.page?.twoSided, placement),
    fonts: { ...base.fonts, ...given(style.fonts) },
    size: { ...base.size, ...given(style.size), headings },
    leading: { ...base.leading, ...given(style.leading) },
    colors: { ...base.colors, ...given(style.colors) },
    text: { ...base.text, ...given(style.text) },
    figures: { ...base.figures, ...given(style.figures) },
  };
}

/**
 * A book printed on both sides mirrors its margins and opens its chapters on
 * right-hand pages. A booklet is printed on both sides whatever the book says
 * (see page-geometry.ts), but its chapters open where they fall unless the book
 * asks: folded sheets are few, and a blank page in them is a waste.
 */
function sides(
  layout: Tokens['layout'],
  twoSided: boolean | undefined,
  placement: Placement | undefined,
): Tokens['layout'] {
  if (twoSided === undefined) return layout;
  return { ...layout, twoSided: twoSided || placement?.booklet === true, rightHandChapters: twoSided };
}

/**
 * The theme's margins, with room for the binding when the book asks to be printed
 * on both sides: where the theme has the same margin on either side, a quarter of
 * it moves from the outer edge to the spine, and the text block keeps its width.
 * (A booklet is folded, not bound: it keeps its even margins.)
 */
function bound(base: Tokens, style: StyleOverrides, placement: Placement | undefined): Tokens['page']['margin'] {
  const { inner, outer } = base.page.margin;
  if (style.page?.twoSided !== true || placement?.booklet || inner !== outer) return base.page.margin;
  return { ...base.page.margin, inner: inner * 1.25, outer: outer * 0.75 };
}

/** The fields that hold a value: an undefined one must not erase the theme's. */
function given<T extends object>(values: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
