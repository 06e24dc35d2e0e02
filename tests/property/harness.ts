/**
 * Runs builds in a worker thread with a time limit, and judges what each gives
 * back against the property: the build settles, and it either succeeds with valid
 * outputs or fails with clean messages.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Format } from '../../src/types/writer.js';
import type { BuildReply, BuildRequest } from './build-worker.js';
import type { Manuscript } from './markdown.js';

export type Outcome =
  | { kind: 'done'; reply: BuildReply; dir: string }
  | { kind: 'timeout'; dir: string }
  | { kind: 'crash'; error: string; dir: string };

/** One worker thread, started again after a build that hung or took the thread down. */
export class Builder {
  #worker: Worker | undefined;
  #next = 0;
  #pending: { id: number; resolve: (reply: BuildReply) => void; reject: (error: unknown) => void } | undefined;

  constructor(private readonly root: string) {}

  #start(): Worker {
    const worker = new Worker(new URL('./build-worker.mjs', import.meta.url));
    worker.on('message', (reply: BuildReply) => {
      if (reply.id === this.#pending?.id) this.#pending.resolve(reply);
    });
    worker.on('error', (error) => this.#pending?.reject(error));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#pending?.reject(new Error(`the worker exited (${code})`));
    });
    // A worker left running would keep the test process alive.
    worker.unref();
    return worker;
  }

  /** Build `book` into a fresh folder under the root; `timeoutMs` bounds the build and the checks of its outputs. */
  async build(book: Manuscript, formats: Format[], timeoutMs: number): Promise<Outcome> {
    const id = ++this.#next;
    const dir = path.join(this.root, String(id));
    mkdirSync(dir, { recursive: true });
    const worker = (this.#worker ??= this.#start());
    const request: BuildRequest = { id, files: book.files, input: book.input, dir, formats };
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await new Promise<BuildReply>((resolve, reject) => {
        this.#pending = { id, resolve, reject };
        timer = setTimeout(() => reject(new Timeout()), timeoutMs);
        worker.postMessage(request);
      });
      return { kind: 'done', reply, dir };
    } catch (error) {
      // Whatever holds the thread (a loop, a wait) ends with it.
      this.#worker = undefined;
      this.#pending = undefined;
      await worker.terminate();
      if (error instanceof Timeout) return { kind: 'timeout', dir };
      return { kind: 'crash', error: error instanceof Error ? (error.stack ?? error.message) : String(error), dir };
    } finally {
      clearTimeout(timer);
      this.#pending = undefined;
    }
  }

  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

class Timeout extends Error {}

/**
 * What is wrong with an outcome, as lines for the report; none when the build
 * settled with valid outputs or with a clean error.
 */
export function problemsOf(outcome: Outcome, formats: readonly Format[], timeoutMs: number): string[] {
  if (outcome.kind === 'timeout') return [`the build did not settle within ${timeoutMs / 1000} s`];
  if (outcome.kind === 'crash') return [`the build took its thread down: ${outcome.error}`];
  const { reply } = outcome;
  if (reply.thrown !== undefined) return [`an exception escaped: ${reply.thrown}`];
  const problems: string[] = [];
  for (const m of reply.messages) {
    const where = `${m.file}:${m.line ?? '-'}: ${m.reason} [${m.ruleId ?? 'no rule id'}]`;
    if (!m.ruleId || !m.reason.trim()) problems.push(`a message without a rule id or a reason: ${where}`);
    if (m.fatal && !m.hint?.trim()) problems.push(`an error without a hint: ${where}`);
    // The build's own words for "this should never happen".
    if (/this is a bug|please report/i.test(m.hint ?? '')) problems.push(`a message that reports a bug: ${where}`);
  }
  const errors = reply.messages.filter((m) => m.fatal);
  if (reply.ok === true) {
    if (errors.length > 0) problems.push('ok, with errors');
    for (const format of formats) {
      if (!reply.outputs.some((o) => o.format === format)) problems.push(`ok, but no ${format} output`);
    }
    for (const error of reply.epubErrors) problems.push(`EPUBCheck: ${error}`);
    const pdf = reply.outputs.find((o) => o.format === 'pdf');
    if (pdf && reply.pdfPages !== pdf.pages) {
      problems.push(`the PDF has ${reply.pdfPages} pages as pdf-lib reads it; the build said ${pdf.pages}`);
    }
  } else {
    if (errors.length === 0) problems.push('failed without an error message');
    if (reply.outputs.length > 0) problems.push('failed, yet wrote outputs');
  }
  return problems;
}

/** Remove a build's folder (a failing one stays, to be looked at). */
export function discard(outcome: Outcome): void {
  rmSync(outcome.dir, { recursive: true, force: true });
}
