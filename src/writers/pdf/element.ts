import type { SyntaxKind } from '../../../styles/tokens.js';

/**
 * The PDF writer's intermediate tree: plain data that names react-pdf primitives
 * and stylesheet entries. Handlers build it (and tests compare it as JSON); only
 * render.ts turns it into React elements and bytes.
 */
export type PdfType = 'Document' | 'Page' | 'View' | 'Text' | 'Link' | 'Image';

export interface PdfElement {
  type: PdfType;
  /** Names of entries in the stylesheet (see stylesheet.ts), applied in order. */
  style?: StyleName[];
  /** Style computed for this element alone (image sizes, column widths). */
  css?: Record<string, string | number>;
  /** react-pdf props: id, src, bookmark, wrap, minPresenceAhead, fixed, … */
  props?: Record<string, unknown>;
  children?: PdfChild[];
}

export type PdfChild = PdfElement | string;

export type StyleName =
  | 'page'
  | 'body'
  | 'titleBlock'
  | 'title'
  | 'subtitle'
  | 'byline'
  | 'titlePage'
  | 'titlePageHead'
  | 'titlePageTitle'
  | 'titlePageSubtitle'
  | 'titlePageAuthor'
  | 'titlePageFoot'
  | 'titlePageImprint'
  | 'contentsTitle'
  | 'contentsEntry'
  | 'contentsChapter'
  | 'contentsText'
  | 'contentsChapterText'
  | 'contentsLeader'
  | 'contentsDots'
  | 'contentsPage'
  | 'header'
  | 'footnotes'
  | 'footnoteRule'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'paragraph'
  | 'indent'
  | 'tight'
  | 'emphasis'
  | 'strong'
  | 'delete'
  | 'inlineCode'
  | 'superscript'
  | 'subscript'
  | 'keyboard'
  | 'keyPad'
  | 'details'
  | 'summary'
  | 'codeBlock'
  | 'codeText'
  | 'codeMarker'
  | `syntax-${SyntaxKind}`
  | 'blockquote'
  | 'list'
  | 'listHead'
  | 'listTail'
  | 'listItem'
  | 'listMarker'
  | 'listBody'
  | 'listRest'
  | 'checkbox'
  | 'checkMark'
  | 'thematicBreak'
  | 'link'
  | 'figure'
  | 'image'
  | 'caption'
  | 'figureLabel'
  | 'table'
  | 'tableRow'
  | 'tableHeaderRow'
  | 'tableCell'
  | 'tableText'
  | 'tableHeaderText'
  | 'alignLeft'
  | 'alignCenter'
  | 'alignRight'
  | 'noteRef'
  | 'notes'
  | 'notesHeading'
  | 'note'
  | 'noteNumber'
  | 'noteBody'
  | 'noteText'
  | 'footer'
  | 'footerRow'
  | 'footerLine'
  | 'footerText'
  | 'footerCount';

/** Shorthand for building elements in handlers. */
export function el(
  type: PdfType,
  style: StyleName[] | undefined,
  children: PdfChild[] = [],
  props?: Record<string, unknown>,
  css?: Record<string, string | number>,
): PdfElement {
  return {
    type,
    ...(style && style.length > 0 ? { style } : {}),
    ...(css ? { css } : {}),
    ...(props ? { props } : {}),
    ...(children.length > 0 ? { children } : {}),
  };
}

/**
 * An empty View that moves to the next page unless `points` of room follow it:
 * how a block that react-pdf would split at its very top (leaving its box or its
 * heading behind) asks to start where it has room. It must not be the first child
 * of a View, where react-pdf ignores the request.
 */
export function keepAhead(points: number): PdfElement {
  return el('View', undefined, [], { minPresenceAhead: Math.round(points) });
}

/** The text an element holds, its children's in order, without any markup. */
export function plainText(child: PdfChild): string {
  return typeof child === 'string' ? child : (child.children ?? []).map(plainText).join('');
}
