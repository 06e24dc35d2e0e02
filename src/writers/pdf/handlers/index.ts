import type { Handler } from '../state.js';
import { blockquote, thematicBreak } from './blocks.js';
import { code } from './code.js';
import { details } from './details.js';
import { footnoteReference } from './footnote.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { inlineImage } from './image.js';
import {
  emphasis,
  hardBreak,
  inlineCode,
  keyboard,
  strikethrough,
  strong,
  subscript,
  superscript,
  text,
} from './inline.js';
import { link, linkReference } from './link.js';
import { list, listItem } from './list.js';
import { paragraph } from './paragraph.js';
import { root } from './root.js';
import { table } from './table.js';

const nothing: Handler = () => [];

/**
 * One handler per mdast node type that CommonMark, GFM and remark-raw-html produce. Table rows and
 * cells are drawn by `table`; footnote definitions by the chapter's notes; images in
 * paragraphs by `paragraph` (these handlers see only images nested in other inlines).
 */
export const handlers: Readonly<Record<string, Handler>> = {
  root: root as Handler,
  heading: heading as Handler,
  paragraph: paragraph as Handler,
  text: text as Handler,
  emphasis: emphasis as Handler,
  strong: strong as Handler,
  delete: strikethrough as Handler,
  inlineCode: inlineCode as Handler,
  break: hardBreak as Handler,
  code: code as Handler,
  blockquote: blockquote as Handler,
  list: list as Handler,
  listItem: listItem as Handler,
  thematicBreak: thematicBreak as Handler,
  link: link as Handler,
  linkReference: linkReference as Handler,
  image: inlineImage as Handler,
  imageReference: inlineImage as Handler,
  table: table as Handler,
  footnoteReference: footnoteReference as Handler,
  html: html as Handler,
  superscript: superscript as Handler,
  subscript: subscript as Handler,
  keyboard: keyboard as Handler,
  details: details as Handler,
  definition: nothing,
  footnoteDefinition: nothing,
  yaml: nothing,
};
