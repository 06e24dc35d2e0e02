import { cmyk, type PDFDocument, type PDFPage } from 'pdf-lib';

/** Crop marks: how long they are, and how far they keep from the bleed, in points. */
const markLength = 18;
const markGap = 4;

/** Registration black: the marks print on every plate, as press marks do. */
const registration = cmyk(1, 1, 1, 1);

/**
 * Crop marks on every page, in place: the page grows by a slug that holds them,
 * its old size becomes the TrimBox and the trim plus `bleed` (points) the BleedBox.
 * The page's content, links and outline are kept. `fold` adds marks at the middle
 * of the top and bottom edges, where a booklet's sheets fold.
 */
export function addCropMarks(doc: PDFDocument, options: { bleed: number; fold?: boolean }): void {
  const { bleed } = options;
  const slug = bleed + markGap + markLength + 6;
  for (const page of doc.getPages()) {
    const trim = page.getMediaBox();
    // The content was drawn with its own transformation (pdfkit flips the y axis);
    // fence it in q … Q so the marks are drawn in plain page space.
    page.translateContent(0, 0);
    const media = { x: trim.x - slug, y: trim.y - slug, width: trim.width + 2 * slug, height: trim.height + 2 * slug };
    page.setMediaBox(media.x, media.y, media.width, media.height);
    page.setCropBox(media.x, media.y, media.width, media.height);
    page.setBleedBox(trim.x - bleed, trim.y - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    const near = bleed + markGap;
    const far = near + markLength;
    for (const x of [trim.x, trim.x + trim.width]) {
      for (const y of [trim.y, trim.y + trim.height]) {
        const out = { x: x === trim.x ? -1 : 1, y: y === trim.y ? -1 : 1 };
        line(page, x + out.x * near, y, x + out.x * far, y);
        line(page, x, y + out.y * near, x, y + out.y * far);
      }
    }
    if (options.fold) {
      const middle = trim.x + trim.width / 2;
      line(page, middle, trim.y - near, middle, trim.y - far, true);
      line(page, middle, trim.y + trim.height + near, middle, trim.y + trim.height + far, true);
    }
  }
}

function line(page: PDFPage, x1: number, y1: number, x2: number, y2: number, dashed = false): void {
  page.drawLine({
    start: { x: x1, y: y1 },
    end: { x: x2, y: y2 },
    thickness: 0.25,
    color: registration,
    ...(dashed ? { dashArray: [2, 2] } : {}),
  });
}
