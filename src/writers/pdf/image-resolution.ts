import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { report } from '../../types/messages.js';
import { placedImages } from './image-placement.js';
import { printedSize, textBlock, widestPrint } from './image-size.js';
import { requestedWidth } from '../../plugins/html-nodes.js';

/** Below this many pixels per printed inch, photos look soft and line art jagged on paper. */
export const printDpi = 150;

/**
 * Warn at every block image the PDF prints at less than `printDpi`, measured at
 * the size the PDF gives it. Images are placed at 96 pixels per inch and only
 * scaled down, so one that is not scaled down prints at 96 dpi, and a larger file
 * prints larger: the size that reaches `printDpi` is the one that fills the width
 * the image is scaled to once it is large enough (the text width, or less for a
 * tall image), and that is the size the message asks for.
 */
export function checkImageResolution(book: Pick<Book, 'chapters' | 'assets'>, tokens: Tokens): void {
  const block = textBlock(tokens);
  for (const chapter of book.chapters) {
    for (const node of placedImages(chapter.tree).block) {
      const asset = node.data?.asset === undefined ? undefined : book.assets.get(node.data.asset);
      // A drawing has no pixels of its own: it is rasterised for print at 300 dpi (see print-images.ts).
      if (!asset || asset.mediaType === 'image/svg+xml') continue;
      const asked = node.type === 'image' ? requestedWidth(node.data, asset) : undefined;
      const printed = printedSize(asset, block, asked);
      const dpi = (asset.width / printed.width) * 72;
      if (dpi >= printDpi) continue;
      // An image printed at the width its <img> asks for needs the pixels for that width.
      const widest = asked ? printed.width : widestPrint(asset, block);
      const needWidth = Math.ceil((printDpi * widest) / 72);
      const needHeight = Math.ceil((needWidth * asset.height) / asset.width);
      report(chapter.file, {
        reason:
          `Image prints at ${Math.floor(dpi)} dpi (${asset.width} × ${asset.height} px over ${inches(printed.width)} × ${inches(printed.height)} in); ` +
          `print needs ${printDpi} dpi, which takes at least ${needWidth} × ${needHeight} px`,
        ruleId: 'image-low-resolution',
        place: node,
        hint: asked
          ? `its <img> asks for ${inches(widest)} in: at ${needWidth} px wide or more, ${asset.path} prints that wide at ${printDpi} dpi or better`
          : `images are placed at 96 pixels per inch and only scaled down, so a larger file prints larger: at ${needWidth} px wide or more, ${asset.path} prints ${inches(widest)} in wide at ${printDpi} dpi or better`,
        severity: 'warning',
      });
    }
  }
}

function inches(points: number): string {
  return String(Math.round((points / 72) * 100) / 100);
}
