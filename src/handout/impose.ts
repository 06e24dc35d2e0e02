import { PDFDocument } from 'pdf-lib';
import { sheetFor, sheetSides, type Imposition } from './layout.js';

/**
 * A new document whose pages are the sheet sides of `source` imposed by `mode`
 * on `paper`. Pages are embedded as form XObjects: they stay vector, and their
 * text stays selectable and searchable. Each page is scaled to fit its cell
 * (a booklet's pages are laid out at half the sheet, so they keep their size)
 * and centred in it.
 */
export async function impose(source: PDFDocument, mode: Imposition, paper: [number, number]): Promise<PDFDocument> {
  const target = await PDFDocument.create({ updateMetadata: false });
  copyInfo(source, target);
  const embedded = await target.embedPages(source.getPages());
  const [sheetWidth, sheetHeight] = sheetFor(mode, paper);
  for (const side of sheetSides(mode, embedded.length)) {
    const sheet = target.addPage([sheetWidth, sheetHeight]);
    const cellWidth = sheetWidth / side.columns;
    const cellHeight = sheetHeight / side.rows;
    side.cells.forEach((number, index) => {
      const page = number === null ? undefined : embedded[number - 1];
      if (!page) return;
      const scale = Math.min(1, cellWidth / page.width, cellHeight / page.height);
      const width = page.width * scale;
      const height = page.height * scale;
      const column = index % side.columns;
      const row = Math.floor(index / side.columns);
      sheet.drawPage(page, {
        x: column * cellWidth + (cellWidth - width) / 2,
        // PDF measures from the bottom; the first row is the top one.
        y: sheetHeight - (row + 1) * cellHeight + (cellHeight - height) / 2,
        width,
        height,
      });
    });
  }
  return target;
}

/** Title, author and dates carried over, so the imposed file is still the same book (and as reproducible). */
function copyInfo(source: PDFDocument, target: PDFDocument): void {
  const title = source.getTitle();
  const author = source.getAuthor();
  const subject = source.getSubject();
  const keywords = source.getKeywords();
  const created = source.getCreationDate();
  if (title) target.setTitle(title);
  if (author) target.setAuthor(author);
  if (subject) target.setSubject(subject);
  if (keywords) target.setKeywords(keywords.split(/\s*,\s*/));
  target.setCreator(source.getCreator() ?? 'Octavo');
  target.setProducer(source.getProducer() ?? 'Octavo');
  if (created) {
    target.setCreationDate(created);
    target.setModificationDate(created);
  }
}
