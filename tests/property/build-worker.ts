/**
 * Builds one manuscript per message, in a worker thread, so that the test can stop
 * a build that never ends (a loop in synchronous code holds its thread, and only
 * `worker.terminate()` can end it). Answers with what the property checks: the
 * messages, the outputs, EPUBCheck's errors on the EPUB and the PDF's page count
 * as pdf-lib reads it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { build } from '../../src/core/build.js';
import { checkEpub } from '../../src/core/check-epub.js';
import type { Format } from '../../src/types/writer.js';

export interface BuildRequest {
  id: number;
  /** The book's files by path relative to `dir`. */
  files: Record<string, Uint8Array>;
  input: string;
  dir: string;
  formats: Format[];
}

export interface BuildMessage {
  file: string;
  ruleId: string | undefined;
  reason: string;
  hint: string | undefined;
  fatal: boolean;
  line: number | undefined;
}

export interface BuildReply {
  id: number;
  /** What escaped build() (it must never throw). */
  thrown?: string;
  ok?: boolean;
  messages: BuildMessage[];
  outputs: { format: Format; path: string; pages?: number }[];
  /** checkEpub's errors on the EPUB built. */
  epubErrors: string[];
  /** The PDF's page count as pdf-lib reads it, or why it could not. */
  pdfPages?: number | string;
  /** Milliseconds spent in build() and in all of it. */
  buildMs: number;
  ms: number;
}

const port = parentPort;
if (!port) throw new Error('build-worker runs in a worker thread');

port.on('message', (request: BuildRequest) => {
  void run(request).then((reply) => port.postMessage(reply));
});

async function run(request: BuildRequest): Promise<BuildReply> {
  const started = performance.now();
  const reply: BuildReply = { id: request.id, messages: [], outputs: [], epubErrors: [], buildMs: 0, ms: 0 };
  const bookDir = path.join(request.dir, 'book');
  for (const [name, bytes] of Object.entries(request.files)) {
    mkdirSync(path.dirname(path.join(bookDir, name)), { recursive: true });
    writeFileSync(path.join(bookDir, name), bytes);
  }
  try {
    const result = await build({
      input: path.join(bookDir, request.input),
      outDir: path.join(request.dir, 'out'),
      formats: request.formats,
      sourceDateEpoch: '0',
    });
    reply.buildMs = performance.now() - started;
    reply.ok = result.ok;
    reply.messages = result.files.flatMap((file) =>
      file.messages.map((m) => ({
        file: path.relative(bookDir, file.path),
        ruleId: m.ruleId,
        reason: m.reason,
        hint: m.note,
        fatal: m.fatal === true,
        line: m.line,
      })),
    );
    reply.outputs = result.outputs.map(({ format, path, pages }) => ({
      format,
      path,
      ...(pages === undefined ? {} : { pages }),
    }));
    for (const output of result.outputs) {
      if (output.format === 'epub') {
        const checked = await checkEpub(output.path);
        const errors = checked.files.flatMap((file) =>
          file.messages.filter((m) => m.fatal).map((m) => ({ entry: path.basename(file.path), line: m.line, m })),
        );
        const zip = errors.length > 0 ? await JSZip.loadAsync(readFileSync(output.path)) : undefined;
        for (const { entry, line, m } of errors) {
          if (zip && (await encodedTarget(zip, entry, line, m.reason))) continue;
          reply.epubErrors.push(`${entry}:${line}: ${m.reason}`);
        }
      } else {
        reply.pdfPages = await PDFDocument.load(readFileSync(output.path), { updateMetadata: false })
          .then((pdf) => pdf.getPageCount())
          .catch((error: unknown) => `pdf-lib cannot read it: ${String(error)}`);
      }
    }
  } catch (error) {
    reply.thrown = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  reply.ms = performance.now() - started;
  return reply;
}

/**
 * Whether an RSC-012 ("fragment identifier not found") names an id that is there
 * once its percent-encoding is undone. Octavo percent-encodes non-ASCII ids in
 * hrefs; the TypeScript EPUBCheck compares NCX fragments and same-document
 * fragments without decoding them (the Java one decodes them), so it reports a
 * heading or a note with a non-ASCII id as missing: not a fault of the EPUB.
 */
async function encodedTarget(zip: JSZip, entry: string, line: number | undefined, reason: string): Promise<boolean> {
  if (!reason.startsWith('RSC-012')) return false;
  let target: RegExpExecArray | null;
  if (entry === 'toc.ncx') {
    const ncx = await zip.file('OEBPS/toc.ncx')?.async('string');
    target = /<content src="([^"#]+)#([^"]*%[^"]*)"/.exec(ncx?.split('\n')[(line ?? 0) - 1] ?? '');
  } else {
    target = /not found: ([^#\s]*)#(\S*%\S*)$/.exec(reason);
  }
  if (!target?.[2]) return false;
  const file = await zip.file(`OEBPS/${target[1] || entry}`)?.async('string');
  return file?.includes(` id="${decodeURIComponent(target[2])}"`) ?? false;
}
