import type { BlockContent, DefinitionContent, Parent, PhrasingContent } from 'mdast';
import type { ImageWidth } from './html-policy.js';

/**
 * Markdown nodes for what raw HTML can say and Markdown cannot: raised and lowered
 * text, keys, and a disclosure block. Both writers draw them; nothing else makes them.
 */
export interface Superscript extends Parent {
  type: 'superscript';
  children: PhrasingContent[];
}

export interface Subscript extends Parent {
  type: 'subscript';
  children: PhrasingContent[];
}

/** A key or keystroke the reader presses (`<kbd>`). */
export interface Keyboard extends Parent {
  type: 'keyboard';
  children: PhrasingContent[];
}

/** `<details>`: its summary first (when it has one), then its content. */
export interface Details extends Parent {
  type: 'details';
  children: (Summary | BlockContent | DefinitionContent)[];
}

export interface Summary extends Parent {
  type: 'summary';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    superscript: Superscript;
    subscript: Subscript;
    keyboard: Keyboard;
  }
  interface BlockContentMap {
    details: Details;
  }
  interface RootContentMap {
    summary: Summary;
    superscript: Superscript;
    subscript: Subscript;
    keyboard: Keyboard;
    details: Details;
  }
  interface ImageData {
    /** The width an `<img>` asked for: both writers size the image by it. */
    width?: ImageWidth;
    /** The height in pixels an `<img>` asked for without a width: sizes it as the width it implies. */
    height?: number;
    /** A `<figcaption>`'s text: the figure's caption, before the title or alt text. */
    caption?: string;
  }
}

/**
 * The width an image was asked to print at, if any: its own, or the one its
 * requested height implies at its proportions. One function for both writers.
 */
export function requestedWidth(
  data: { width?: ImageWidth; height?: number } | undefined,
  pixels: { width: number; height: number },
): ImageWidth | undefined {
  if (data?.width) return data.width;
  if (data?.height === undefined || pixels.height === 0) return undefined;
  return { value: Math.round((data.height * pixels.width) / pixels.height), unit: 'px' };
}

/** The node types this module adds, for the check that warns about unknown ones. */
export const htmlNodeTypes = ['superscript', 'subscript', 'keyboard', 'details', 'summary'] as const;
