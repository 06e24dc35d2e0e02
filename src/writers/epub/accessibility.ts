import { visit } from 'unist-util-visit';
import type { Book } from '../../types/book.js';

/** One schema.org accessibility property of the package, as `<meta property="schema:…">`. */
export interface AccessibilityMeta {
  property: string;
  value: string;
}

/**
 * The schema.org accessibility metadata of the EPUB, from what the book really
 * holds (as stores and library systems read it): text always, pictures when there
 * are any; text alone suffices, and "alternativeText" is claimed, only when every
 * picture has alt text. Octavo's EPUBs are reflowable, with a nested table of
 * contents, headings and the reading order of the source, and nothing that flashes,
 * moves or plays sound. With the PDF's pages marked in it, it has page-break
 * markers and a page list (pageNavigation).
 */
export function accessibilityOf(book: Book, has: { pageList: boolean; cover: boolean }): AccessibilityMeta[] {
  const printPages = has.pageList;
  let images = 0;
  let described = 0;
  for (const chapter of book.chapters) {
    visit(chapter.tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      images++;
      if ((node.alt ?? '').trim() !== '') described++;
    });
  }
  // The cover does not count: cover artwork carries nothing a reader needs to
  // understand the text (kb.daisy.org, accessMode "visual"), and its alt text is the title.
  const allDescribed = images === described;
  const features = [
    'tableOfContents',
    'readingOrder',
    'structuralNavigation',
    'displayTransformability',
    ...(images > 0 && allDescribed ? ['alternativeText'] : []),
    ...(printPages ? ['pageBreakMarkers', 'pageNavigation'] : []),
  ];
  const sufficient = images === 0 || allDescribed ? ['textual'] : [];
  const summary = [
    'A reflowable EPUB 3 whose text the reader can resize and restyle, with a nested table of contents, headings in the order of the source, and notes that link back to where they are cited.',
    ...(printPages ? ['Its page list and page-break markers follow the pages of the PDF edition.'] : []),
    images === 0
      ? has.cover
        ? 'Apart from the cover, whose text alternative is the title, it has no images.'
        : 'It has no images.'
      : allDescribed
        ? `Every image (${images}) has a text alternative.`
        : described === 0
          ? images === 1
            ? 'Its image has no text alternative.'
            : `None of its ${images} images has a text alternative.`
          : `${images - described} of its ${images} images have no text alternative.`,
  ].join(' ');
  return [
    { property: 'accessMode', value: 'textual' },
    ...(images > 0 ? [{ property: 'accessMode', value: 'visual' }] : []),
    ...sufficient.map((value) => ({ property: 'accessModeSufficient', value })),
    ...(images > 0 ? [{ property: 'accessModeSufficient', value: 'textual,visual' }] : []),
    ...features.map((value) => ({ property: 'accessibilityFeature', value })),
    { property: 'accessibilityHazard', value: 'none' },
    { property: 'accessibilitySummary', value: summary },
  ];
}
