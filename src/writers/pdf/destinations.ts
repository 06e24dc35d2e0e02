import PDFDocumentKit from 'pdfkit';
import type { PDFDict as Dict, PDFObject } from 'pdf-lib';

/**
 * The page (from 1) of every named destination in a rendered PDF: where react-pdf
 * put each element that has an id. react-pdf reports positions only in the file
 * it writes, so this reads them back from the Dests name tree of the catalog.
 */
export async function destinationPages(bytes: Uint8Array): Promise<Map<string, number>> {
  // Loaded here, not with the writer: a one-sided book without cross-references or page marks never reads its PDF back.
  const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const pages = new Map<string, number>();
  const text = (object: PDFObject | undefined): string | undefined =>
    object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const dests = names?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const walk = (node: Dict | undefined): void => {
    if (!node) return;
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; i < (kids?.size() ?? 0); i++) walk(kids?.lookupMaybe(i, PDFDict));
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; i + 1 < (pairs?.size() ?? 0); i += 2) {
      const name = text(pairs?.lookup(i));
      const target = pairs?.lookup(i + 1);
      const destination = target instanceof PDFDict ? target.lookup(PDFName.of('D')) : target;
      const page = destination instanceof PDFArray ? destination.get(0) : undefined;
      const number = page instanceof PDFRef ? pageOf.get(page.toString()) : undefined;
      if (name !== undefined && number !== undefined) pages.set(name, number);
    }
  };
  walk(dests);
  return pages;
}

let patched = false;

/**
 * Make the first part of an element name its destination. react-pdf names a
 * destination for every part of an element with an id, and pdfkit keeps the last
 * one: a chapter, or a paragraph that runs over a page, was found on the page
 * where it ends, so links to a chapter, the way back from a note and the EPUB's
 * page list pointed one page or more too far. pdfkit is the copy react-pdf itself
 * loads (the same pinned version, deduplicated by npm).
 */
export function keepFirstDestinations(): void {
  if (patched) return;
  patched = true;
  const proto = PDFDocumentKit.prototype;
  const add = proto.addNamedDestination;
  const named = new WeakMap<object, Set<string>>();
  proto.addNamedDestination = function (this: object, name: string, ...args: unknown[]) {
    const names = named.get(this) ?? new Set<string>();
    named.set(this, names);
    if (names.has(name)) return this;
    names.add(name);
    return add.call(this, name, ...args);
  };
}
