/**
 * Design tokens: the one description of how a book looks. The PDF stylesheet
 * (src/writers/pdf/stylesheet.ts) and the EPUB CSS (styles/epub-css.ts) are both
 * derived from these values, so the two outputs read as one book.
 */
export interface Tokens {
  name: string;
  page: {
    /** Page size in points [width, height]. A4 is [595.28, 841.89]. */
    size: [number, number];
    /** Margins in points. */
    margin: { top: number; bottom: number; inner: number; outer: number };
  };
  fonts: {
    /** Family names from styles/fonts.ts. */
    body: string;
    heading: string;
    mono: string;
  };
  /** Sizes in points; the EPUB CSS turns them into em relative to `size.body`. */
  size: {
    body: number;
    small: number;
    code: number;
    /** Heading sizes for levels 1–6. */
    headings: [number, number, number, number, number, number];
    title: number;
    subtitle: number;
  };
  /** Line height as a multiple of the font size. */
  leading: { body: number; heading: number; code: number };
  /** Vertical space in points. */
  space: { paragraph: number; block: number; headingBefore: number; headingAfter: number };
  /** Indent of lists and block quotes, in points. */
  indent: number;
  colors: {
    text: string;
    muted: string;
    link: string;
    rule: string;
    codeBackground: string;
    quoteBar: string;
  };
  /**
   * Highlighted code, by kind of token: a colour dark enough for print, and a
   * weight or slant for the kinds that must still stand apart in greyscale.
   */
  syntax: Record<SyntaxKind, SyntaxStyle>;
  figures: {
    /** Captions of figures start with "Figure N." (numbered through the book). */
    numbered: boolean;
  };
  /** How the pages are built. */
  layout: {
    /** Each chapter starts on a new page (a book), or runs on after the last one (a handout). */
    chapterBreak: 'page' | 'none';
    /** The footer: the page number alone, or the title with "page / pages". */
    footer: 'number' | 'title-and-count';
    /**
     * Printed on both sides: the margins are mirrored on even pages (`inner` by the
     * spine), and what sits at the outer edge moves with them.
     */
    twoSided: boolean;
    /** Each chapter that starts a new page starts on an odd (right-hand) one, after a blank page when needed. */
    rightHandChapters: boolean;
    /** The book's title over even pages and the chapter's over odd ones, except on a chapter's first page. */
    runningHeader: boolean;
    /** A link to a place in the book shows that place's page in the PDF: "see the summit (p. 3)". */
    pageReferences: boolean;
  };
  text: {
    align: 'left' | 'justify';
    /** Indent the first line of a paragraph that follows another paragraph (book style). */
    firstLineIndent: number;
  };
}

/** The kinds of token a code block's grammar tells apart (see src/writers/highlight.ts). */
export type SyntaxKind =
  'keyword' | 'type' | 'string' | 'comment' | 'number' | 'title' | 'attribute' | 'meta' | 'addition' | 'deletion';

export interface SyntaxStyle {
  color: string;
  bold?: boolean;
  italic?: boolean;
}
