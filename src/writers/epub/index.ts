import { createHash } from 'node:crypto';
import { epubCss } from '../../../styles/epub-css.js';
import type { Asset, Book } from '../../types/book.js';
import type { Tokens } from '../../../styles/tokens.js';
import { report } from '../../types/messages.js';
import { typographicCover } from './cover.js';
import { checkEpubSize, coverForEpub, imagesForEpub } from './images.js';
import { embeddedFonts } from './fonts.js';
import { accessibilityOf } from './accessibility.js';
import type { Writer } from '../../types/writer.js';
import { chapterId } from '../../plugins/link-targets.js';
import { labelsFor } from '../../plugins/labels.js';
import { assignPlayOrder, buildToc, chapterFile, extension, flattenToc, indexBook } from './nav.js';
import { packageEpub, type PackageData, type PackageDocument, type PackageFile } from './package.js';
import { escapeXml, xhtmlDocument, xhtmlHead } from './templates.js';
import { pageBreaks, pageId } from './page-list.js';
import { chapterDocument } from './xhtml.js';

const xhtmlType = 'application/xhtml+xml';

/** EPUB 3 (with an EPUB 2 NCX for older readers) that passes EPUBCheck, byte-identical for the same book. */
export const writeEpub: Writer = async (book, options) => {
  const { meta } = book;
  const bookIndex = indexBook(book, { numberFigures: options.tokens.figures.numbered });
  const labels = labelsFor(meta.lang);
  const downscale = book.epub?.downscaleImages ?? false;
  const given = meta.cover ? await coverForEpub(book, meta.cover, downscale) : undefined;
  const cover = given ?? (await generatedCover(book, options.tokens));
  const images = await imagesForEpub(book, downscale);
  const coverFile = cover ? `cover.${extension(cover)}` : undefined;

  const documents: PackageDocument[] = [];
  const files: PackageFile[] = [];
  const manifest: PackageData['manifest'] = [
    { id: 'nav', href: 'toc.xhtml', mediaType: xhtmlType, properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
  ];
  if (cover && coverFile) {
    const body = `<div class="cover"><img src="${coverFile}" role="doc-cover" alt="${escapeXml(meta.title)}"/></div>`;
    documents.push({
      id: 'cover',
      xhtml: xhtmlDocument({ lang: meta.lang, title: meta.title, bodyType: 'cover', body }),
    });
    manifest.push({ id: 'cover-image', href: coverFile, mediaType: cover.mediaType, properties: 'cover-image' });
    files.push({ path: coverFile, bytes: cover.bytes });
  }
  const breaks = options.pageList ? pageBreaks(options.pageList.marks, options.pageList.pages) : new Map();
  const pageList: PackageData['pageList'] = [];
  book.chapters.forEach((_chapter, index) => {
    const chapterBreaks = breaks.get(index);
    documents.push({ id: chapterId(index), xhtml: chapterDocument(bookIndex, index, chapterBreaks) });
    const numbers = [...(chapterBreaks?.values() ?? [])].flat().sort((a, b) => a - b);
    for (const n of numbers) pageList.push({ href: `${chapterFile(index)}#${pageId(n)}`, label: String(n), order: 0 });
  });
  for (const doc of documents) manifest.push({ id: doc.id, href: `${doc.id}.xhtml`, mediaType: xhtmlType });
  // Names carry their first-use number, so map order is manifest order.
  for (const [key, name] of bookIndex.images) {
    const asset = images.get(key) ?? book.assets.get(key);
    if (!asset) continue;
    manifest.push({ id: name.slice(0, 'img-001'.length), href: `images/${name}`, mediaType: asset.mediaType });
    files.push({ path: `images/${name}`, bytes: asset.bytes });
  }

  // The nav is in the spine only because the toc landmark must point into it; it stays out of the reading flow.
  const spine = documents.map((doc) => ({ idref: doc.id, linear: true }));
  spine.splice(coverFile ? 1 : 0, 0, { idref: 'nav', linear: false });
  const { entries, depth } = buildToc(book);
  assignPlayOrder(documents, [...flattenToc(entries), ...pageList]);
  const data: PackageData = {
    identifier: meta.identifier ?? identifierFor(book),
    title: meta.title,
    lang: meta.lang,
    creators: meta.authors,
    // dc:date takes W3CDTF; a time without a zone is not, and the day is what a catalogue shows.
    ...(meta.date ? { date: meta.date.split('T')[0] ?? meta.date } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
    ...(meta.rights ? { rights: meta.rights } : {}),
    ...(coverFile ? { coverImage: 'cover-image' } : {}),
    modified: (book.buildDate ?? new Date(0)).toISOString().replace(/\.\d+Z$/, 'Z'),
    accessibility: accessibilityOf(book, { pageList: pageList.length > 0, cover: cover !== undefined }),
    pageList,
    ...(pageList.length > 0
      ? { paginationSource: `${meta.title}, PDF edition (Octavo, from the same manuscript)` }
      : {}),
    manifest,
    spine,
    toc: entries,
    tocDepth: depth,
    navHead: xhtmlHead(meta.lang, labels.contents),
    labels,
    landmarks: [
      ...(coverFile ? [{ type: 'cover', href: 'cover.xhtml', label: labels.cover }] : []),
      { type: 'toc', href: 'toc.xhtml#toc', label: labels.contents },
      ...(book.chapters.length > 0 ? [{ type: 'bodymatter', href: chapterFile(0), label: labels.start }] : []),
    ],
  };
  let css = epubCss(options.tokens);
  if (book.epub?.embedFonts) {
    // Every character of every document (markup adds only ASCII, which the book has anyway).
    const text = [meta.title, ...Object.values(labels), ...documents.map((doc) => doc.xhtml)].join('');
    const fonts = await embeddedFonts(options.tokens, text);
    for (const font of fonts) {
      manifest.push({ id: font.id, href: font.file.path, mediaType: 'font/ttf' });
      files.push(font.file);
    }
    css = css.replace(/^(@charset "UTF-8";\n)/, `$1\n${fonts.map((font) => font.rule).join('\n\n')}\n`);
  }
  const bytes = await packageEpub({ data, css, documents, files });
  checkEpubSize(book, bytes.byteLength);
  return { bytes };
};

/**
 * The typographic cover for a book that names no cover image. Without it a
 * store or a library shows a blank or the first page; the cover fonts lacking
 * a character of the title is the one reason to go without.
 */
async function generatedCover(book: Book, tokens: Tokens): Promise<Asset | undefined> {
  const made = await typographicCover(book.meta, tokens);
  if (made.ok) return made.asset;
  report(book.metaFile, {
    reason: `No cover was generated: its fonts have no glyph for ${made.missing.slice(0, 5).join(' ')}${made.missing.length > 5 ? ' …' : ''}`,
    ruleId: 'glyph-missing',
    hint: 'name a cover image in book.yaml (cover: cover.jpg); stores ask for 1600 × 2560 px',
    severity: 'warning',
  });
  return undefined;
}

/**
 * A stable urn:uuid for books without an identifier: the same text gives the
 * same id (readers key reading progress and notes on it), an edit gives a new one.
 */
function identifierFor(book: Book): string {
  const hash = createHash('sha256').update(book.meta.title);
  for (const chapter of book.chapters) hash.update('\0').update(String(chapter.file.value ?? ''));
  const hex = hash.digest('hex').slice(0, 32).split('');
  hex[12] = '5'; // version 5: name-based
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
