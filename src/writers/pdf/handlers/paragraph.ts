import { figureNumbers } from '../../../plugins/figure-numbers.js';
import type { Image, ImageReference, Link, Paragraph, Parents, PhrasingContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { footnoteRefId } from '../../../plugins/link-targets.js';
import { el, type PdfChild, type StyleName } from '../element.js';
import type { State } from '../state.js';
import { imageFromReference } from '../../../plugins/image-reference.js';
import { splitLines } from '../lines.js';
import { imageBlock } from './image.js';
import { linkBlock } from './link.js';

/**
 * A paragraph is one Text block. Images cannot sit inside react-pdf text, so a
 * paragraph with images is cut into text runs and image blocks; an image alone in
 * its paragraph is a captioned figure. Book style: a
 * paragraph that follows another gets a first-line indent instead of a gap.
 */
export function paragraph(state: State, node: Paragraph, parent: Parents | undefined): PdfChild[] {
  const index = parent ? parent.children.indexOf(node as never) : -1;
  const previous = index > 0 ? parent?.children[index - 1] : undefined;
  const style: StyleName[] =
    previous?.type === 'paragraph' && !isFigure(previous) ? ['paragraph', 'indent'] : ['paragraph'];
  const blocks: PdfChild[] = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    const children = run.flatMap((child) => state.one(child, node));
    run = [];
    if (children.every((child) => typeof child === 'string' && child.trim() === '')) return;
    // Each hard break starts a new Text (see lines.ts); only the first line is indented.
    const lines = splitLines(trimEdges(children));
    while (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
    lines.forEach((line, index) => {
      const lineStyle = index === 0 ? style : style.filter((name) => name !== 'indent');
      blocks.push(el('Text', lineStyle, line.length > 0 ? line : ['\u00a0']));
    });
  };
  const figure = isFigure(node);
  for (const child of node.children) {
    if (child.type === 'image' || child.type === 'imageReference') {
      flush();
      blocks.push(...imageBlock(state, asImage(state, child), figure, figureNumber(state, child)));
    } else if (child.type === 'link' && isImageLink(child)) {
      // A linked logo or badge: the images, as blocks, inside a block link.
      flush();
      const images = child.children.flatMap((image) =>
        image.type === 'image' || image.type === 'imageReference'
          ? imageBlock(state, asImage(state, image), figure)
          : [],
      );
      blocks.push(...linkBlock(state, child.url, images));
    } else {
      run.push(child);
    }
  }
  flush();
  markBacklinkTarget(state, node, blocks);
  return blocks;
}

/** The figure's number when the theme shows numbers (see figure-numbers.ts). */
function figureNumber(state: State, node: Image | ImageReference): number | undefined {
  return state.tokens.figures.numbered ? figureNumbers(state.book.chapters).get(node) : undefined;
}

function asImage(state: State, node: Image | ImageReference): Image {
  return node.type === 'image' ? node : imageFromReference(node, state.definitions.get(node.identifier));
}

/** Leading and trailing line breaks around cut-out images are not the author's. */
function trimEdges(children: PdfChild[]): PdfChild[] {
  const out = [...children];
  if (typeof out[0] === 'string') out[0] = out[0].replace(/^\s+/, '');
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).replace(/\s+$/, '');
  return out;
}

/** Give the paragraph the id a footnote's back-link jumps to (inline text cannot carry one). */
function markBacklinkTarget(state: State, node: Paragraph, blocks: PdfChild[]): void {
  const first = blocks.find((block): block is Exclude<PdfChild, string> => typeof block !== 'string');
  if (!first) return;
  visit(node, 'footnoteReference', (reference) => {
    if (state.noteBacklinks.has(reference.identifier)) return;
    const id = (first.props?.id as string | undefined) ?? footnoteRefId(state.chapterIndex, reference.identifier);
    first.props = { ...first.props, id };
    state.noteBacklinks.set(reference.identifier, id);
  });
}

/** A link that holds nothing but images (and white space): printed as the images, linked. */
export function isImageLink(node: Link): boolean {
  return (
    node.children.length > 0 &&
    node.children.every(isImageOrSpace) &&
    node.children.some((child) => child.type !== 'text')
  );
}

function isImageOrSpace(child: PhrasingContent): boolean {
  return (
    child.type === 'image' || child.type === 'imageReference' || (child.type === 'text' && child.value.trim() === '')
  );
}

/** A paragraph that holds only images (and white space) is set as figures, not text. */
export function isFigure(node: Paragraph): boolean {
  return node.children.every((child) => isImageOrSpace(child) || (child.type === 'link' && isImageLink(child)));
}
