import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { checkGlyphs } from './glyphs.js';
import { checkInlineImages } from './image-placement.js';
import { checkImageResolution } from './image-resolution.js';

/**
 * What only the printed book has trouble with: characters its fonts lack, images
 * it cannot draw inside text, images too coarse for paper. The PDF writer runs
 * these before it lays out the book; `octavo check` runs them without rendering.
 */
export function checkPrint(book: Book, tokens: Tokens): void {
  checkGlyphs(book, tokens);
  checkInlineImages(book);
  checkImageResolution(book, tokens);
}
