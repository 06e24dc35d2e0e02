import { PDFDocument, PDFName } from 'pdf-lib';
import { fromMm } from '../../styles/paper.js';
import { impose } from './impose.js';
import type { Imposition } from './layout.js';
import { addCropMarks } from './marks.js';

export { impositions, sheetSides, type Imposition, type SheetSide } from './layout.js';

/** What to do to a rendered PDF before it is printed. */
export interface PrintFinish {
  /** Put pages onto sheets; default: leave them one per page. */
  impose?: Imposition;
  /** The paper the sheets are, in points, portrait [width, height]. */
  paper: [number, number];
  /** Crop marks and a bleed box around every page or sheet; default false. */
  marks?: boolean;
  /** Bleed in millimetres; default 3. */
  bleedMm?: number;
}

/** Impose and mark a rendered PDF; the bytes come back untouched when there is nothing to do. */
export async function finishPdf(bytes: Uint8Array, finish: PrintFinish): Promise<{ bytes: Uint8Array; pages: number }> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  if (!finish.impose && !finish.marks) return { bytes, pages: source.getPageCount() };
  let doc = source;
  if (finish.impose) {
    doc = await impose(source, finish.impose, finish.paper);
    const lang = source.catalog.get(PDFName.of('Lang'));
    if (lang) doc.catalog.set(PDFName.of('Lang'), lang);
  }
  if (finish.marks) addCropMarks(doc, { bleed: fromMm(finish.bleedMm ?? 3), fold: finish.impose === 'booklet' });
  const out = await doc.save({ useObjectStreams: false });
  return { bytes: out, pages: doc.getPageCount() };
}
