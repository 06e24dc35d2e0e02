import { parentPort } from 'node:worker_threads';
import type { PartRequest } from './parts.js';
import { abandon } from './part-pages.js';
import { layOut } from './part-layout.js';

/** A worker's side of parts.ts: it lays out the parts it is sent (see part-layout.ts). */
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
