import { Worker } from 'node:worker_threads';
import { VFile } from 'vfile';
import { defaultMaxMemoryMb, defaultTimeoutSeconds } from '../resources/limits.js';
import { report, type Problem } from '../types/messages.js';
import type { BuildOptions, BuildResult, Progress } from './build.js';
import type { CheckOptions, CheckResult } from './check.js';
import { OutputInterrupted, writeOutputs, writeProblem, type OutputFile, type WriteProblem } from './output.js';
import { folderLabel } from './report.js';

/**
 * What a build or check may spend. The budget is enforced by running the work
 * in a worker thread: the Markdown parser is not linear on every input and
 * react-pdf lays out synchronously, so only a thread that can be stopped from
 * outside can be stopped at all.
 */
export interface Budget {
  /** Wall-clock seconds before the work is stopped; 0 for no limit. Default 600. */
  timeoutSeconds?: number;
  /**
   * The worker's JavaScript heap, in MB. Default 4096. Buffers outside the heap
   * (decoded images, output bytes) are not counted: the image pixel cap bounds those.
   */
  maxMemoryMb?: number;
}

/** One VFile message as plain data, to cross from the worker. */
export interface PlainMessage {
  reason: string;
  line?: number;
  column?: number;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  note?: string;
}

/** A VFile as plain data: its path and messages (all that reports read). */
export interface PlainFile {
  path: string;
  messages: PlainMessage[];
}

/** The work a worker is given. */
export type Job =
  | { kind: 'build'; options: Omit<BuildOptions, 'onProgress' | 'write' | 'signal'> }
  | { kind: 'check'; input: string; options: Omit<CheckOptions, 'onChapter'> }
  | { kind: 'check-epub'; input: string };

/** A job for the worker. */
export interface JobMessage {
  type: 'job';
  job: Job;
}

/** What a worker says, in order: progress, at most one request to write, then done. */
export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'write'; outputs: OutputFile[] }
  | { type: 'done'; result: PlainResult };

/** What the main thread answers to a request to write: nothing, or that it was interrupted, or why it failed. */
export interface WrittenMessage {
  type: 'written';
  interrupted?: true;
  problem?: WriteProblem;
}

/** A build's or check's result as plain data. */
export type PlainResult = Omit<BuildResult, 'files' | 'book' | 'outputs'> & {
  outputs?: BuildResult['outputs'];
  files: PlainFile[];
};

/**
 * `build` in a worker, within the budget. The outputs are written here, in the
 * main thread, which holds `options.signal`: the budget is for parsing and layout,
 * and once the bytes are here their writing is not cut short.
 */
export async function buildIsolated(
  options: BuildOptions,
  budget: Budget = {},
  worker?: BookWorker,
): Promise<Omit<BuildResult, 'book'>> {
  const { onProgress, write: _write, signal, ...plain } = options;
  const dir = folderLabel(options.outDir ?? 'dist');
  const write = async (outputs: OutputFile[]): Promise<WrittenMessage> => {
    try {
      await writeOutputs(outputs, { signal });
      return { type: 'written' };
    } catch (error) {
      if (error instanceof OutputInterrupted) return { type: 'written', interrupted: true };
      return { type: 'written', problem: writeProblem(error, dir) };
    }
  };
  const job: Job = { kind: 'build', options: plain };
  const result = worker ? await worker.run(job, onProgress, write) : await runIsolated(job, budget, onProgress, write);
  return { ...result, outputs: result.outputs ?? [] };
}

/** `checkBook` in a worker, within the budget. */
export async function checkIsolated(
  input: string,
  options: CheckOptions = {},
  budget: Budget = {},
): Promise<CheckResult> {
  const { onChapter: _onChapter, ...plain } = options;
  const { ok, files } = await runIsolated({ kind: 'check', input, options: plain }, budget);
  return { ok, files };
}

/** `checkEpub` in a worker, within the budget: an EPUB is a zip of someone else's making. */
export async function checkEpubIsolated(input: string, budget: Budget = {}): Promise<CheckResult> {
  const { ok, files } = await runIsolated({ kind: 'check-epub', input }, budget);
  return { ok, files };
}

type Outcome =
  { kind: 'done'; result: PlainResult } | { kind: 'timeout' } | { kind: 'memory' } | { kind: 'failed'; error: Error };

type IsolatedResult = {
  ok: boolean;
  files: VFile[];
  outputs?: BuildResult['outputs'];
  loadMs?: number;
  interrupted?: boolean;
};

/**
 * The worker's first module. Compiled (lib/, what `octavo` runs), the job module
 * itself; from the TypeScript sources (tests, the library under tsx), a module that
 * registers tsx in the worker first, since a worker does not inherit the loader.
 */
const workerEntry = import.meta.url.endsWith('.ts') ? './isolated-worker.js' : './isolated-job.js';

/**
 * A worker that runs jobs one after another, each with a heap limit and a
 * wall-clock timer. Past either, the worker is terminated and the result is one
 * error saying what it was doing; the next job starts a new worker. Kept between
 * jobs (`octavo watch`), it keeps its modules, fonts and caches warm.
 */
export class BookWorker {
  private worker: Worker | undefined;
  private readonly timeoutSeconds: number;
  private readonly maxMemoryMb: number;

  constructor(budget: Budget = {}) {
    this.timeoutSeconds = budget.timeoutSeconds ?? defaultTimeoutSeconds;
    this.maxMemoryMb = budget.maxMemoryMb ?? defaultMaxMemoryMb;
  }

  async run(
    job: Job,
    onProgress?: (progress: Progress) => void,
    write?: (outputs: OutputFile[]) => Promise<WrittenMessage>,
  ): Promise<IsolatedResult> {
    const worker = (this.worker ??= new Worker(new URL(workerEntry, import.meta.url), {
      // The parent's flags (tsx's own loader among them) would load a loader the worker does not need, or twice.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
    }));
    let last: Progress | undefined;
    let settle: (outcome: Outcome) => void = () => undefined;
    const settled = new Promise<Outcome>((resolve) => (settle = resolve));
    const timer =
      this.timeoutSeconds > 0 ? setTimeout(() => settle({ kind: 'timeout' }), this.timeoutSeconds * 1000) : undefined;
    const onMessage = (message: WorkerMessage): void => {
      if (message.type === 'progress') {
        last = message.progress;
        onProgress?.(message.progress);
      } else if (message.type === 'write' && write) {
        clearTimeout(timer);
        void write(message.outputs).then((answer) => worker.postMessage(answer));
      } else if (message.type === 'done') {
        settle({ kind: 'done', result: message.result });
      }
    };
    const onError = (error: Error & { code?: string }): void =>
      settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'memory' } : { kind: 'failed', error });
    const onExit = (code: number): void =>
      settle({ kind: 'failed', error: new Error(`the worker stopped with exit code ${code} before it was done`) });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ type: 'job', job } satisfies JobMessage);
    const outcome = await settled;
    clearTimeout(timer);
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    // A worker that did not finish its job is gone before the caller goes on, or doomed.
    if (outcome.kind !== 'done') await this.close();
    switch (outcome.kind) {
      case 'done':
        return { ...outcome.result, files: outcome.result.files.map(reviveFile) };
      case 'failed':
        throw outcome.error;
      case 'timeout':
        return { ok: false, files: [stopped(last, timeoutProblem(job, last, this.timeoutSeconds))] };
      case 'memory':
        return { ok: false, files: [stopped(last, memoryProblem(job, last, this.maxMemoryMb))] };
    }
  }

  /** Stop the worker, if there is one; the next job starts another. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await stop(worker);
  }
}

/** Run one job in a worker of its own, within the budget; the worker has exited when this resolves. */
async function runIsolated(
  job: Job,
  budget: Budget,
  onProgress?: (progress: Progress) => void,
  write?: (outputs: OutputFile[]) => Promise<WrittenMessage>,
): Promise<IsolatedResult> {
  const worker = new BookWorker(budget);
  try {
    return await worker.run(job, onProgress, write);
  } finally {
    await worker.close();
  }
}

/** How long a terminated worker is waited for before it is given up on. */
const stopGraceMs = 5000;

/**
 * Terminate the worker. V8 stops JavaScript at once, but not a call into native
 * code (ICU, zlib) until it returns, and Node waits for every worker thread before
 * the process exits. A worker that is not gone after `stopGraceMs` is let go, and
 * when the process exits it is killed with it, by SIGKILL: the only way out, at
 * the cost of the exit code (137).
 */
async function stop(worker: Worker): Promise<void> {
  let grace: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    worker.terminate().then(() => true),
    new Promise<false>((resolve) => (grace = setTimeout(() => resolve(false), stopGraceMs))),
  ]);
  clearTimeout(grace);
  if (gone) return;
  worker.unref();
  process.once('exit', () => {
    process.stderr.write('octavo: a worker could not be stopped (it is inside native code): killing the process\n');
    process.kill(process.pid, 'SIGKILL');
  });
}

/** The file a stopped job's error is put on: the chapter it was reading, else the command line. */
function stopped(last: Progress | undefined, problem: Problem): VFile {
  const file = new VFile({ path: last?.stage === 'read' && last.file ? last.file : 'octavo' });
  report(file, problem);
  return file;
}

function doing(job: Job, last: Progress | undefined): string {
  if (job.kind === 'check-epub') return 'while checking the EPUB';
  switch (last?.stage) {
    case 'read':
      return `while reading ${last.file ? 'this chapter' : 'the book'} (chapter ${last.done + 1} of ${last.total})`;
    case 'render':
      return last.format === 'pdf' ? 'while laying out the PDF' : 'while making the EPUB';
    default:
      return job.kind === 'check' ? 'while checking the book' : 'while reading the book';
  }
}

function command(job: Job): string {
  return job.kind === 'build' ? 'build' : 'check';
}

function timeoutProblem(job: Job, last: Progress | undefined, seconds: number): Problem {
  const reading = last?.stage === 'read';
  const layout = last?.stage === 'render' && last.format === 'pdf';
  return {
    reason: `The ${command(job)} was stopped after ${seconds} s, ${doing(job, last)}`,
    ruleId: 'build-timeout',
    hint: [
      reading
        ? 'the Markdown parser can take very long on thousands of unmatched * _ [ or ` in one paragraph, or on generated text; look for those here'
        : layout
          ? 'a very long book takes react-pdf long to lay out: try --chapters to build part of it, or --format epub'
          : 'look for what is unusual in the book: very large chapters, images or tables',
      `if the book is as it should be, give it more time with --timeout ${Math.max(seconds * 4, defaultTimeoutSeconds)} (0 for no limit)`,
    ].join('\n'),
    severity: 'error',
  };
}

function memoryProblem(job: Job, last: Progress | undefined, megabytes: number): Problem {
  return {
    reason: `The ${command(job)} ran out of memory (${megabytes} MB), ${doing(job, last)}`,
    ruleId: 'build-memory',
    hint: [
      'very large chapters, tables or images take the most; look for those',
      `if the book is as it should be, give it more with --max-memory ${megabytes * 2}`,
    ].join('\n'),
    severity: 'error',
  };
}

/** A file's path and messages as plain data (see `reviveFile`). */
export function plainFile(file: VFile): PlainFile {
  return {
    path: file.path,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      ...(message.line === undefined ? {} : { line: message.line }),
      ...(message.column === undefined ? {} : { column: message.column }),
      ...(message.ruleId === undefined ? {} : { ruleId: message.ruleId }),
      ...(message.source === undefined ? {} : { source: message.source }),
      ...(message.fatal === undefined ? {} : { fatal: message.fatal }),
      ...(message.note === undefined ? {} : { note: message.note }),
    })),
  };
}

/** A VFile again, with the messages as the worker had them: reports print exactly as before. */
export function reviveFile(plain: PlainFile): VFile {
  const file = new VFile({ path: plain.path });
  for (const { reason, line, column, ruleId, source, fatal, note } of plain.messages) {
    const message = file.message(reason, {
      ...(line === undefined ? {} : { place: { line, column: column ?? 1 } }),
      ...(ruleId === undefined ? {} : { ruleId }),
      ...(source === undefined ? {} : { source }),
    });
    if (fatal !== undefined) message.fatal = fatal;
    if (note !== undefined) message.note = note;
  }
  return file;
}
