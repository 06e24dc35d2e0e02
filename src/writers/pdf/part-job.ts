import { parentPort } from 'node:worker_threads';
import type { PartAnswer, PartRequest } from './parts.js';
import { abandon, pagesBefore, publish, publishLanding } from './part-pages.js';
import { renderPdf, type PageProps } from './render.js';

/**
 * A worker's side of parts.ts: lay out one part of the book as a PDF of its own.
 * Its pages are numbered after the front pages and the parts before it. react-pdf
 * calls `render` props while it paginates, then once more on every page with the
 * number of pages it laid out (`totalPages`): at that call the part says its own
 * count and waits for the counts before it. The page number and running header
 * are drawn then, so they carry the book's numbers; nothing before that depends on them.
 */
async function layOut(request: PartRequest): Promise<PartAnswer> {
  const { tree, book, tokens, index, shared, listed, templated, reuse } = request;
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
  const whole = result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength;
  return {
    ...result,
    bytes: whole ? result.bytes : result.bytes.slice(),
    told: told ?? result.pages,
    before: offset ?? pagesBefore(shared, index),
  };
}

// One part at a time, in the order they were sent: a part waits only for those before it.
let queue = Promise.resolve();
parentPort?.on('message', (request: PartRequest) => {
  queue = queue.then(() =>
    layOut(request).then(
      (reply) =>
        parentPort?.postMessage({ id: request.id, reply }, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []),
      (error: unknown) => {
        // The thread that waits for this part may be blocked in a layout, deaf to messages: tell it here.
        abandon(request.shared);
        parentPort?.postMessage({
          id: request.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      },
    ),
  );
});
