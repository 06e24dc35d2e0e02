import { parentPort, type MessagePort, type TransferListItem } from 'node:worker_threads';
import type { VFile } from 'vfile';
import { OutputInterrupted, WriteFailed, type OutputFile } from './output.js';
import {
  plainFile,
  type Job,
  type JobMessage,
  type PlainResult,
  type WorkerMessage,
  type WrittenMessage,
} from './isolated.js';

/** The main thread's answer to the write under way, when one is. */
let written: ((answer: WrittenMessage) => void) | undefined;

/** The worker's side of `runIsolated`: run the job, say how it goes, hand back plain data. */
async function run(job: Job, port: MessagePort): Promise<PlainResult> {
  const send = (message: WorkerMessage, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);
  switch (job.kind) {
    case 'build': {
      const { build } = await import('./build.js');
      const result = await build({
        ...job.options,
        onProgress: (progress) => send({ type: 'progress', progress }),
        write: async (outputs) => {
          const owned = outputs.map(ownBuffer);
          send(
            { type: 'write', outputs: owned },
            owned.map((output) => output.bytes.buffer),
          );
          const answer = await new Promise<WrittenMessage>((resolve) => (written = resolve));
          if (answer.interrupted) throw new OutputInterrupted();
          if (answer.problem) throw new WriteFailed(answer.problem);
        },
      });
      return {
        ok: result.ok,
        outputs: result.outputs,
        files: plain(result.files),
        ...loadMs(result.loadMs),
        ...(result.interrupted ? { interrupted: true } : {}),
      };
    }
    case 'check': {
      const { checkBook } = await import('./check.js');
      const result = await checkBook(job.input, {
        ...job.options,
        onChapter: (done, total, file) => send({ type: 'progress', progress: { stage: 'read', done, total, file } }),
      });
      return { ok: result.ok, files: plain(result.files) };
    }
    case 'check-epub': {
      const { checkEpub } = await import('./check-epub.js');
      const result = await checkEpub(job.input);
      return { ok: result.ok, files: plain(result.files) };
    }
  }
}

/** Bytes that own their whole ArrayBuffer, so it can be transferred rather than copied (a Buffer may share a pool). */
function ownBuffer(output: OutputFile): OutputFile & { bytes: Uint8Array<ArrayBuffer> } {
  const { bytes } = output;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return {
    path: output.path,
    bytes: whole && bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes),
  };
}

function plain(files: readonly VFile[]) {
  return files.map(plainFile);
}

function loadMs(ms: number | undefined): { loadMs?: number } {
  return ms === undefined ? {} : { loadMs: ms };
}

// Jobs come one at a time, each answered by 'done'; a worker kept between jobs
// (`octavo watch`) keeps its modules, fonts and caches warm.
if (parentPort) {
  const port = parentPort;
  port.on('message', (message: JobMessage | WrittenMessage) => {
    if (message.type === 'written') {
      written?.(message);
      written = undefined;
      return;
    }
    void run(message.job, port).then((result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage));
  });
}
