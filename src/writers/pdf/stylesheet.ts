import { openFace } from '../../../styles/fonts.js';
import type { SyntaxKind, Tokens } from '../../../styles/tokens.js';
import type { StyleName } from './element.js';

type Style = Record<string, string | number | string[] | Record<string, boolean>>;

/**
 * JetBrains Mono draws `//`, `->`, `!=` as ligatures; react-pdf then breaks a long
 * line inside a ligature and crashes (fontkit reads past the glyph table). Code
 * shows the characters as typed anyway.
 */
const noLigatures = { calt: false, liga: false };

/** Horizontal room taken by containers, in points: shared by the styles and the handlers that measure lines. */
export function insets(t: Tokens): {
  quote: number;
  quoteBar: number;
  marker: number;
  codePadding: number;
  cellPadding: number;
  cellPaddingVertical: number;
} {
  return {
    quote: t.indent,
    quoteBar: 2,
    marker: t.indent * 1.25,
    codePadding: 8,
    cellPadding: 4,
    cellPaddingVertical: 3,
  };
}

/** A contents line's room besides its text, in points: the least leader, the gaps either side of it, the page number. */
export function contentsRoom(t: Tokens): { least: number; gap: number; number: number; taken: number } {
  const least = t.size.body * 2;
  const gap = t.size.body * 0.4;
  const number = t.size.body * 2.2;
  return { least, gap, number, taken: 2 * gap + number };
}

/**
 * The react-pdf stylesheet, derived from the design tokens (as the EPUB CSS is).
 * Text styles (font size, line height) go on Text only, never on a View: a Text
 * whose size differs would inherit a line height computed for the View's size.
 * Text is justified only where its lines can break closely (`justify`: hyphenation
 * patterns, or Chinese and Japanese; see hyphenation.ts).
 * Line height is set on flowing text only: on a Page or View it crashes react-pdf,
 * and on the fixed footer (which renders through a `render` prop) it hides the text.
 */
export function stylesheet(
  t: Tokens,
  options: { justify: boolean; chain?: (family: string) => string[] },
): Record<StyleName, Style> {
  const inset = insets(t);
  // Each face is followed by the faces that draw what it lacks (see font-chain.ts).
  const chain = options.chain ?? ((family: string): string[] => [family]);
  const fonts = { body: chain(t.fonts.body), heading: chain(t.fonts.heading), mono: chain(t.fonts.mono) };
  const body = { fontFamily: fonts.body, fontSize: t.size.body, lineHeight: t.leading.body, color: t.colors.text };
  const room = contentsRoom(t);
  const heading = (level: number): Style => ({
    fontFamily: fonts.heading,
    fontWeight: 'bold',
    fontSize: t.size.headings[level - 1] ?? t.size.body,
    lineHeight: t.leading.heading,
    marginTop: level <= 2 ? t.space.headingBefore : t.space.headingBefore * 0.75,
    marginBottom: t.space.headingAfter,
    textAlign: 'left',
    ...(level >= 5 ? { fontStyle: 'italic' } : {}),
  });
  const small = { fontSize: t.size.small, lineHeight: t.leading.body };
  const codeRun = {
    fontFamily: fonts.mono,
    fontFeatureSettings: noLigatures,
    fontSize: t.size.code,
    backgroundColor: t.colors.codeBackground,
  };
  return {
    page: {
      paddingTop: t.page.margin.top,
      paddingBottom: t.page.margin.bottom,
      paddingLeft: t.page.margin.inner,
      paddingRight: t.page.margin.outer,
      fontFamily: fonts.body,
      fontSize: t.size.body,
      color: t.colors.text,
    },
    body,
    titleBlock: {
      marginBottom: t.space.headingBefore * 1.5,
      paddingBottom: t.space.block,
      borderBottomWidth: 0.75,
      borderBottomColor: t.colors.rule,
    },
    title: {
      fontFamily: fonts.heading,
      fontWeight: 'bold',
      fontSize: t.size.title,
      lineHeight: t.leading.heading,
      marginBottom: 6,
    },
    subtitle: {
      fontFamily: fonts.heading,
      fontStyle: 'italic',
      fontSize: t.size.subtitle,
      lineHeight: t.leading.heading,
      color: t.colors.muted,
      marginBottom: 6,
    },
    byline: { ...small, fontSize: t.size.body, color: t.colors.muted },
    // The title page: its text a third of the way down, the imprint at its foot.
    titlePage: {
      paddingTop: t.page.margin.top + (t.page.size[1] - t.page.margin.top) * 0.18,
      justifyContent: 'space-between',
    },
    titlePageHead: { alignItems: 'center' },
    titlePageTitle: {
      fontFamily: fonts.heading,
      fontWeight: 'bold',
      fontSize: t.size.title * 1.15,
      lineHeight: t.leading.heading,
      textAlign: 'center',
      marginBottom: t.space.headingAfter * 1.5,
    },
    titlePageSubtitle: {
      fontFamily: fonts.heading,
      fontStyle: 'italic',
      fontSize: t.size.subtitle,
      lineHeight: t.leading.heading,
      textAlign: 'center',
      color: t.colors.muted,
    },
    titlePageAuthor: {
      fontFamily: fonts.heading,
      fontSize: t.size.subtitle,
      lineHeight: t.leading.heading,
      textAlign: 'center',
      marginTop: t.space.headingBefore * 1.5,
    },
    titlePageFoot: { alignItems: 'center' },
    titlePageImprint: { ...small, fontSize: t.size.body, textAlign: 'center', color: t.colors.muted },
    contentsTitle: { ...heading(1), marginTop: 0, marginBottom: t.space.headingBefore * 1.5 },
    contentsEntry: { flexDirection: 'row', alignItems: 'flex-end', marginBottom: 2, textDecoration: 'none' },
    contentsChapter: { marginTop: t.space.block },
    contentsText: { ...body, textAlign: 'left', flexShrink: 1 },
    contentsChapterText: { fontWeight: 'bold' },
    contentsLeader: {
      flexGrow: 1,
      flexShrink: 0,
      flexBasis: room.least,
      marginLeft: room.gap,
      marginRight: room.gap,
      overflow: 'hidden',
    },
    contentsDots: { ...body, color: t.colors.muted, textAlign: 'right' },
    // No lineHeight: react-pdf draws nothing of a `render` text that sets one (its number comes from
    // `render`). The half-leading the entry's text has above and below its line is padding here instead,
    // so the number sits on the same baseline.
    contentsPage: {
      fontFamily: body.fontFamily,
      fontSize: body.fontSize,
      color: body.color,
      width: room.number,
      flexShrink: 0,
      textAlign: 'right',
      paddingBottom: halfLeading(t),
    },
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    // Space after a paragraph is padding, not margin: react-pdf moves a block whose
    // bottom margin does not fit to the next page whole, which can strand the heading above it.
    paragraph: { ...body, textAlign: options.justify ? t.text.align : 'left', paddingBottom: t.space.paragraph },
    indent: { textIndent: t.text.firstLineIndent },
    tight: { paddingBottom: 0 },
    emphasis: { fontStyle: 'italic' },
    strong: { fontWeight: 'bold' },
    delete: { textDecoration: 'line-through' },
    inlineCode: codeRun,
    superscript: { verticalAlign: 'super' },
    subscript: { verticalAlign: 'sub' },
    keyboard: codeRun,
    keyPad: { fontFamily: fonts.body },
    codeBlock: {
      backgroundColor: t.colors.codeBackground,
      padding: inset.codePadding,
      marginVertical: t.space.block,
      borderRadius: 2,
    },
    codeText: {
      fontFamily: fonts.mono,
      fontFeatureSettings: noLigatures,
      fontSize: t.size.code,
      lineHeight: t.leading.code,
      textAlign: 'left',
    },
    codeMarker: { color: t.colors.muted },
    ...syntaxStyles(t),
    blockquote: {
      borderLeftWidth: inset.quoteBar,
      borderLeftColor: t.colors.quoteBar,
      paddingLeft: inset.quote * 0.75,
      marginVertical: t.space.block,
      marginLeft: inset.quote * 0.25,
      color: t.colors.muted,
    },
    details: {
      borderLeftWidth: 0.75,
      borderLeftColor: t.colors.rule,
      paddingLeft: inset.quote * 0.75 + inset.quoteBar - 0.75,
      marginVertical: t.space.block,
      marginLeft: inset.quote * 0.25,
    },
    summary: { fontWeight: 'bold', textAlign: 'left' },
    list: { paddingVertical: t.space.block / 2 },
    // A list split after its first item, to keep that item with the heading above it.
    listHead: { paddingBottom: 0 },
    listTail: { paddingTop: 0 },
    listItem: { flexDirection: 'row', paddingBottom: 2 },
    listMarker: { ...body, width: inset.marker, textAlign: 'right', paddingRight: 6 },
    listRest: { paddingLeft: inset.marker },
    listBody: { flexGrow: 1, flexShrink: 1, flexBasis: 0 },
    checkbox: {
      width: t.size.body * 0.7,
      height: t.size.body * 0.7,
      borderWidth: 0.8,
      borderColor: t.colors.text,
      marginTop: t.size.body * 0.35,
      marginLeft: t.indent * 0.35,
      marginRight: t.indent * 0.2,
    },
    // A tick drawn as the two borders of a box turned 45°: no face needs a ✓ glyph.
    checkMark: {
      width: t.size.body * 0.24,
      height: t.size.body * 0.46,
      borderRightWidth: 1.2,
      borderBottomWidth: 1.2,
      borderColor: t.colors.text,
      marginLeft: t.size.body * 0.22,
      marginTop: t.size.body * 0.03,
      transform: 'rotate(45deg)',
    },
    thematicBreak: {
      marginVertical: t.space.block * 1.5,
      marginHorizontal: 'auto',
      width: '30%',
      borderBottomWidth: 0.75,
      borderBottomColor: t.colors.rule,
    },
    link: { color: t.colors.link, textDecoration: 'none' },
    figure: { marginVertical: t.space.block, alignItems: 'center' },
    image: { objectFit: 'contain', maxWidth: '100%' },
    caption: { ...small, fontStyle: 'italic', color: t.colors.muted, marginTop: 4, textAlign: 'center' },
    figureLabel: { fontStyle: 'normal', fontWeight: 'bold' },
    table: { marginVertical: t.space.block, borderBottomWidth: 0.75, borderBottomColor: t.colors.text },
    tableRow: { flexDirection: 'row', borderBottomWidth: 0.4, borderBottomColor: t.colors.rule },
    // The rule above the table is the header's, so a header repeated on the next page has it too.
    tableHeaderRow: {
      borderTopWidth: 0.75,
      borderTopColor: t.colors.text,
      borderBottomWidth: 0.75,
      borderBottomColor: t.colors.text,
    },
    tableCell: { paddingVertical: inset.cellPaddingVertical, paddingHorizontal: inset.cellPadding },
    tableText: { ...small },
    tableHeaderText: { fontWeight: 'bold' },
    alignLeft: { textAlign: 'left' },
    alignCenter: { textAlign: 'center' },
    alignRight: { textAlign: 'right' },
    noteRef: { fontSize: t.size.small * 0.85, verticalAlign: 'super' },
    notes: {
      marginTop: t.space.headingBefore,
      paddingTop: t.space.block,
      borderTopWidth: 0.5,
      borderTopColor: t.colors.rule,
    },
    notesHeading: { ...heading(4), marginTop: 0 },
    // The notes at a page's foot: a space, then a short rule over them, as in print.
    footnotes: { marginTop: t.space.block * 2 },
    footnoteRule: { width: '25%', borderTopWidth: 0.5, borderTopColor: t.colors.rule, marginBottom: t.space.block },
    note: { flexDirection: 'row', marginBottom: 3 },
    noteNumber: { ...small, width: t.indent * 1.25, textAlign: 'right', paddingRight: 6 },
    noteBody: { flexGrow: 1, flexShrink: 1, flexBasis: 0 },
    noteText: { ...small, textIndent: 0 },
    footer: {
      position: 'absolute',
      bottom: t.page.margin.bottom / 2 - t.size.small / 2,
      // Centred on the text block, so that it moves with it on a two-sided print's even pages.
      left: t.page.margin.inner,
      right: t.page.margin.outer,
      textAlign: 'center',
      fontSize: t.size.small,
      color: t.colors.muted,
    },
    header: {
      position: 'absolute',
      top: t.page.margin.top / 2 - t.size.small / 2,
      left: t.page.margin.inner,
      right: t.page.margin.outer,
      textAlign: 'center',
      fontFamily: fonts.body,
      fontStyle: 'italic',
      fontSize: t.size.small,
      color: t.colors.muted,
      textOverflow: 'ellipsis',
    },
    footerRow: {
      position: 'absolute',
      bottom: t.page.margin.bottom / 2 - t.size.small / 2,
      left: t.page.margin.inner,
      right: t.page.margin.outer,
      borderTopWidth: 0.5,
      borderTopColor: t.colors.rule,
      paddingTop: 4,
    },
    footerLine: { flexDirection: 'row', justifyContent: 'space-between', columnGap: t.indent },
    footerText: { fontFamily: fonts.body, fontSize: t.size.small, color: t.colors.muted, flexShrink: 1 },
    footerCount: { flexShrink: 0 },
  };
}

/** One style a kind of highlighted token: its colour, and its weight and slant for greyscale. */
function syntaxStyles(t: Tokens): Record<`syntax-${SyntaxKind}`, Style> {
  const entries = Object.entries(t.syntax).map(([kind, style]) => [
    `syntax-${kind}`,
    {
      color: style.color,
      ...(style.bold ? { fontWeight: 'bold' } : {}),
      ...(style.italic ? { fontStyle: 'italic' } : {}),
    },
  ]);
  return Object.fromEntries(entries) as Record<`syntax-${SyntaxKind}`, Style>;
}

/** Half of what the body's line height adds to its face's own height (ascent to descent), in points. */
function halfLeading(t: Tokens): number {
  const face = openFace(t.fonts.body);
  const natural = ((face.ascent - face.descent + face.lineGap) / face.unitsPerEm) * t.size.body;
  return Math.max(0, (t.size.body * t.leading.body - natural) / 2);
}
