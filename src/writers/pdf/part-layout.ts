import type { PartAnswer, PartReply, PartRequest } from './parts.js';
import { landedPages, pagesBefore, publish, publishLanding } from './part-pages.js';
import { renderPdf, type PageProps } from './render.js';

/**
 * One part of the book laid out as a PDF of its own, in a worker thread or, when
 * the build has one thread, in its own (see parts.ts).
 * Its pages are numbered after the front pages and the parts before it. react-pdf
 * calls `render` props while it paginates, then once more on every page with the
 * number of pages it laid out (`totalPages`): at that call the part says its own
 * count and waits for the counts before it. The page number and running header
 * are drawn then, so they carry the book's numbers; nothing before that depends on them.
 */
export async function layOut(request: PartRequest): Promise<PartAnswer> {
  const { tree, book, tokens, index, shared, listed, templated, reuse } = request;
  if (request.front) return layOutFront(request, request.front.parts);
  if (reuse) {
    // The same part as before: its count stands whatever its numbers; its pages stand if they start where they did.
    publish(shared, index, reuse.pages);
    if (pagesBefore(shared, index) === reuse.before) {
      publishLanding(shared, index, listed, reuse.landing);
      return { reused: true };
    }
  }
  let offset: number | undefined;
  let told: number | undefined;
  const numbering = (page: PageProps): PageProps => {
    if (page.totalPages === undefined) return page;
    if (offset === undefined) {
      told = page.totalPages;
      publish(shared, index, told);
      offset = pagesBefore(shared, index);
    }
    return { ...page, pageNumber: page.pageNumber + offset };
  };
  const result = await renderPdf(tree, book, tokens, { numbering, listed, templated });
  // A part whose pages draw no number says its count once it is laid out.
  if (told === undefined) publish(shared, index, result.pages);
  publishLanding(shared, index, listed, result.landing);
  return {
    ...result,
    bytes: owned(result.bytes),
    told: told ?? result.pages,
    before: offset ?? pagesBefore(shared, index),
  };
}

/**
 * The front pages (title page, contents): they say how many they are when react-pdf
 * numbers them, then wait for every part to have laid out its pages, and number
 * their contents from where the parts put the headings.
 */
export async function layOutFront(
  { tree, book, tokens, shared, listed, templated }: PartRequest,
  parts: number,
): Promise<PartReply> {
  let told: number | undefined;
  const numbering = (page: PageProps): PageProps => {
    if (page.totalPages !== undefined && told === undefined) {
      told = page.totalPages;
      publish(shared, 0, told);
    }
    return page;
  };
  let landed: Map<string, number> | undefined;
  const landedElsewhere = (): Map<string, number> => (landed ??= landedPages(shared, parts, listed));
  const result = await renderPdf(tree, book, tokens, { numbering, landedElsewhere, templated });
  if (told === undefined) publish(shared, 0, result.pages);
  return { ...result, bytes: owned(result.bytes), told: told ?? result.pages, before: 0 };
}

/** Bytes that own their whole buffer, so it can be handed over rather than copied. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
