/**
 * Mirror the margins of a two-sided print: every even (left-hand) page moves its
 * content, header and footer included, by `shift` points, so that the wider inner
 * margin sits by the spine on both sides of the leaf. react-pdf gives every page of
 * a Page element the same padding, so the move is made on the rendered file: the
 * page's content is drawn under a translation, and its link areas move with it.
 */
export async function mirrorEvenPages(bytes: Uint8Array, shift: number): Promise<Uint8Array> {
  if (shift === 0) return bytes;
  // Loaded here, not with the writer: only a two-sided print needs it.
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.getPages().forEach((page, index) => {
    if (index % 2 === 0) return;
    page.translateContent(shift, 0);
    const annotations = page.node.Annots();
    for (let i = 0; i < (annotations?.size() ?? 0); i++) {
      const rect = annotations?.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!rect) continue;
      for (const corner of [0, 2]) {
        const x = rect.lookupMaybe(corner, PDFNumber);
        if (x) rect.set(corner, PDFNumber.of(x.asNumber() + shift));
      }
    }
  });
  return doc.save({ useObjectStreams: false });
}
