import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Tokens } from '../../../styles/tokens.js';
import type { Book } from '../../types/book.js';
import { plainText, type PdfChild, type PdfElement } from './element.js';
import { bookCharacters, fontChains } from './font-chain.js';
import { joinPdfs } from './join.js';
import { abandon, landedPages, publish, sharedState, type Shared } from './part-pages.js';
import { layOut } from './part-layout.js';
import { listedIds, renderPdf, usesTemplates, type Rendered } from './render.js';

/**
 * A book long enough is laid out in parts, each a run of chapters, as PDFs of their
 * own that are joined into one (join.ts): in worker threads at the same time, or one
 * after the other in the build's thread. react-pdf lays out one document on one
 * thread and keeps every page's layout until it writes the file: in parts, only a
 * part's is kept at a time (the 800-page bench book: 545 MB against 810 MB whole).
 * A part is laid out as react-pdf would lay it out inside the whole book, since each
 * chapter is a Page element of its own and starts a page. What crosses parts is
 * settled this way:
 *
 * - page numbers and running headers: a part's pages are numbered after the pages
 *   before it, which it learns from the other parts while it is laid out (part-layout.ts);
 * - the contents: the front pages are laid out meanwhile in a thread of their own,
 *   and wait, when react-pdf numbers their pages, for where the parts put the
 *   headings; or, on one thread, last (see `renderInParts`);
 * - links, named destinations and the outline: joined (join.ts);
 * - "(p. 9)", blank pages and footnotes: the writer's rounds (index.ts), as for one
 *   document; a part whose tree did not change since the last round is kept.
 *
 * How a book is cut depends only on the book (and, for `octavo watch`, on its finer
 * sizes), never on the machine's cores: the same book gives the same bytes with one
 * thread, two or four.
 */

/**
 * How many threads a build lays a long book out in when it is not told: on two
 * cores, one. A new thread runs react-pdf slowly until it is warm, and on this
 * 2-core machine the 400-page bench book took 13 to 15 s in two threads against
 * 12 s in one; with more cores, one thread is left for the front pages. `octavo watch`
 * uses every core, since its threads stay warm between builds.
 */
export function defaultJobs(): number {
  const cores = availableParallelism();
  return cores > 2 ? cores - 1 : 1;
}

/** How finely a book is cut: the least text of a part, in characters, and the most parts. */
export interface PartSizes {
  text: number;
  parts: number;
}

/**
 * A build's parts: at least about 40 pages of an A4 book each, and at most eight.
 * Each part holds fonts of its own in the file: the 400-page bench book's PDF is
 * 1.90 MB in eight parts, 1.72 MB whole.
 */
export const buildParts: PartSizes = { text: 60_000, parts: 8 };

/**
 * `octavo watch` lays a long book out again after each edit, but only the part the
 * edit is in: smaller parts, about 10 pages each, cost some bytes and save time.
 * The 400-page bench book, a one-word edit: 1.4 to 2.1 s for its PDF in eight
 * parts, 0.9 to 1.0 s in 24 (2.14 MB).
 */
export const watchParts: PartSizes = { text: 15_000, parts: 24 };

/** What a part's layout is asked (see part-layout.ts): by a worker, or on one thread by the build. */
export interface PartRequest {
  id: number;
  tree: PdfElement;
  book: Book;
  tokens: Tokens;
  /** Which part, from 1; 0 is the front pages. */
  index: number;
  shared: Shared;
  /** The ids whose page the contents list (see render.ts, `pageMarker`). */
  listed: string[];
  /** Whether the book is laid out with page templates. */
  templated: boolean;
  /** Set for the front pages (index 0): how many parts they wait for before they number their contents. */
  front?: { parts: number };
  /** The same part as an earlier rendering laid it out: kept when its pages start where they did (see `laidOutBefore`). */
  reuse?: { pages: number; before: number; landing: ReadonlyMap<string, number> };
}

/** What a worker hands back: the part's rendering, the page count it told the others, and the pages before it. */
export interface PartReply extends Rendered {
  told: number;
  before: number;
}

/** Or, for a part it was asked to reuse: that the earlier rendering stands. */
export type PartAnswer = PartReply | { reused: true };

/** A book cut in parts: the pages before the chapters, and runs of whole chapters. */
export interface Split {
  front: PdfElement;
  parts: PdfElement[];
  /** The ids whose page the front pages list. */
  listed: string[];
  /** Whether the book is laid out with page templates: then every part is, as the whole book would be. */
  templated: boolean;
}

/**
 * The book's Document cut into parts, or undefined when it is laid out whole: its
 * chapters run on, it is too short to gain from parts, or its footer counts the
 * book's pages ("3 / 40"), which each part would learn only once all are laid out.
 */
export function splitBook(tree: PdfElement, tokens: Tokens, sizes: PartSizes = buildParts): Split | undefined {
  const front = tree.props?.front;
  if (typeof front !== 'number' || tokens.layout.footer !== 'number') return undefined;
  const pages = (tree.children ?? []).filter((page): page is PdfElement => typeof page !== 'string');
  // A chapter's Page, with the blank page that may come before it.
  const units: PdfElement[][] = [];
  let pending: PdfElement[] = [];
  for (const page of pages.slice(front)) {
    pending.push(page);
    if ((page.children?.length ?? 0) > 0) units.push(pending.splice(0));
  }
  if (pending.length > 0) units.push(pending);
  const weights = units.map((unit) => unit.reduce((sum, page) => sum + weight(page), 0));
  const total = weights.reduce((sum, next) => sum + next, 0);
  const count = Math.min(sizes.parts, units.length, Math.floor(total / sizes.text));
  if (count < 2) return undefined;
  const parts: PdfElement[][] = [[]];
  let done = 0;
  units.forEach((unit, index) => {
    // A new part starts where the text laid out so far passes the next share of the whole.
    if (done >= (total * parts.length) / count && parts.length < count) parts.push([]);
    parts[parts.length - 1]?.push(...unit);
    done += weights[index] ?? 0;
  });
  const { front: _front, ...props } = tree.props ?? {};
  const document = (children: PdfElement[]): PdfElement => ({ ...tree, props, children });
  const opening = document(pages.slice(0, front));
  return {
    front: opening,
    parts: parts.map(document),
    listed: [...listedIds(opening)],
    templated: usesTemplates(tree),
  };
}

/** What a Page costs to lay out, about: its text, and each image as much as a paragraph. */
function weight(page: PdfElement): number {
  return plainText(page).length + 500 * imagesIn(page).length;
}

/** The `src` of every image in `tree`. */
function imagesIn(tree: PdfChild): string[] {
  if (typeof tree === 'string') return [];
  const own = tree.type === 'Image' && typeof tree.props?.src === 'string' ? [tree.props.src] : [];
  return [...own, ...(tree.children ?? []).flatMap(imagesIn)];
}

/**
 * What the last renderings laid out, by what they were made from: the writer's
 * next round (index.ts) or the next build of `octavo watch` lays out again only
 * the parts whose element tree, images or design changed, or whose pages now start
 * elsewhere, and the front pages only when their tree or the pages they list changed.
 */
const laidOutBefore = new Map<string, PartReply>();
const frontBefore = new Map<string, FrontLaidOut>();

/** What a part's layout is made from, as one digest. */
function digest(tree: PdfElement, book: Book, tokens: Tokens, extra: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([tree, tokens, book.meta, book.buildDate, book.pdf, book.design, extra]));
  for (const src of new Set(imagesIn(tree))) {
    const asset = book.assets.get(src);
    hash.update(`\0${src}\0`);
    if (asset) hash.update(asset.bytes);
  }
  return hash.digest('hex');
}

/** Forget every layout kept (for tests that compare two fresh layouts). */
export function forgetLayouts(): void {
  laidOutBefore.clear();
  frontBefore.clear();
}

/** Keep at most the entries of the last build: a book of the most parts, over a few rounds. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > 4 * watchParts.parts) cache.delete(cache.keys().next().value as string);
}

/** How many times each part (by index) has been laid out, and whether the last front pages were kept (for tests). */
export const layouts = { parts: [] as number[], frontKept: false };

const sameLanding = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean =>
  a.size === b.size && [...a].every(([id, page]) => b.get(id) === page);

/**
 * Lay the parts out and join them: in `jobs` workers at once, or one after the
 * other in this thread. The front pages list where the parts put the headings, and
 * the parts number their pages after the front pages, so one of them goes first
 * with the other's count still to come:
 *
 * - in threads, the front pages are laid out meanwhile in a thread of their own:
 *   they say how many they are, then wait to number their contents until every
 *   part has laid out its pages;
 * - else (or when the front pages were laid out before and are as many now), the
 *   parts go first, after as many front pages as the last layout had or, the first
 *   time, as many as the contents were cut into; the front pages come last, and
 *   in the rare case they are more or fewer, the parts are numbered again.
 */
export async function renderInParts(split: Split, book: Book, tokens: Tokens, jobs: number): Promise<Rendered> {
  const characters = [...bookCharacters(book)].join('');
  // What the book's characters decide for a part's layout: the fonts (see font-chain.ts). A
  // word with a letter new to the book changes the characters, not the layout of the other parts.
  const { fallbacks, reorders, cjk } = fontChains(book, tokens);
  const fonts = { fallbacks, reorders, cjk };
  const frontKey = digest(split.front, book, tokens, [fonts, split.templated]);
  const known = frontBefore.get(frontKey);
  const job: PartsJob = { split, book, tokens, jobs, characters, fonts };
  const { front, parts } = jobs > 1 && !known ? await frontAlongside(job) : await frontAfter(job, known);
  remember(frontBefore, frontKey, front);
  layouts.frontKept = known !== undefined && front.rendered === known.rendered;
  const rendered = [...(front.rendered.pages > 0 ? [front.rendered] : []), ...parts];
  const landing = new Map(rendered.flatMap((part) => [...part.landing]));
  const notesLanded = {
    pageOf: new Map(parts.flatMap((part) => [...part.notesLanded.pageOf])),
    flowPages: new Map(parts.flatMap((part) => [...part.notesLanded.flowPages])),
  };
  const warnings = [...new Set(rendered.flatMap((part) => part.warnings ?? []))];
  const { bytes, destinations } = await joinPdfs(rendered.map((part) => part.bytes));
  const pages = rendered.reduce((sum, part) => sum + part.pages, 0);
  return { bytes, pages, notesLanded, landing, destinations, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** A book's parts to lay out, in `jobs` threads; `characters` and `fonts`: the whole book's (see `standIn`). */
interface PartsJob {
  split: Split;
  book: Book;
  tokens: Tokens;
  jobs: number;
  characters: string;
  fonts: unknown;
}

/** The front pages as laid out, with where the headings they list landed. */
interface FrontLaidOut {
  rendered: Rendered;
  landed: ReadonlyMap<string, number>;
}

/** The front pages in a thread of their own, while the parts are laid out in `jobs` others. */
async function frontAlongside(job: PartsJob): Promise<{ front: FrontLaidOut; parts: PartReply[] }> {
  const { split, book, tokens, characters } = job;
  const shared = sharedState(split.parts.length, split.listed.length);
  const laidOut = runParts(job, shared);
  if (noFront(split)) publish(shared, 0, 0);
  // In a thread of their own, since they wait, blocked, for the parts: this one stays
  // free to hear of a part's thread that dies, and to stop the others (`abandon`).
  const frontRun = noFront(split)
    ? undefined
    : (frontWorker().run({
        tree: split.front,
        book: standIn(book, split.front, characters),
        tokens,
        index: 0,
        shared,
        listed: split.listed,
        templated: split.templated,
        front: { parts: split.parts.length },
      }) as Promise<PartReply>);
  try {
    const [rendered, parts] = await Promise.all([
      frontRun?.catch((error: unknown) => {
        abandon(shared);
        throw error;
      }),
      laidOut,
    ]);
    const landed = landedPages(shared, split.parts.length, split.listed);
    return { front: { rendered: rendered ?? emptyFront, landed }, parts };
  } catch (error) {
    abandon(shared);
    await Promise.allSettled([laidOut, ...(frontRun ? [frontRun] : [])]);
    throw error;
  }
}

/** The parts first (in `jobs` threads, or this one), numbered after as many front pages as expected; the front pages last. */
async function frontAfter(
  job: PartsJob,
  known: FrontLaidOut | undefined,
): Promise<{ front: FrontLaidOut; parts: PartReply[] }> {
  const { split, book, tokens, characters } = job;
  // The same front pages are as many as before, whatever page numbers they list; new
  // ones, as many as the contents were cut into (see front-pages.ts), nearly always.
  let count = known?.rendered.pages ?? split.front.children?.length ?? 0;
  // Their count depends on their tree alone (the page numbers sit in boxes of a fixed
  // width), so a second try always has it right.
  for (let round = 0; round < 3; round++) {
    const shared = sharedState(split.parts.length, split.listed.length);
    publish(shared, 0, count);
    const parts = await runParts(job, shared);
    const landed = landedPages(shared, split.parts.length, split.listed);
    const rendered =
      known && sameLanding(landed, known.landed)
        ? known.rendered
        : noFront(split)
          ? emptyFront
          : await renderPdf(split.front, standIn(book, split.front, characters), tokens, {
              landedElsewhere: () => landed,
              templated: split.templated,
            });
    if (rendered.pages === count) return { front: { rendered, landed }, parts };
    count = rendered.pages;
  }
  throw new Error('the title and contents pages came out a different number of pages each time');
}

/** A book without a title page or contents. */
const noFront = (split: Split): boolean => (split.front.children?.length ?? 0) === 0;

const emptyFront: Rendered = {
  bytes: new Uint8Array(),
  pages: 0,
  notesLanded: { pageOf: new Map(), flowPages: new Map() },
  landing: new Map(),
};

/**
 * Every part sent at once, part k to worker k mod `jobs`, each worker laying out
 * its parts in order: a part waits only for the front pages and the parts before
 * it, which have all started by then. With one job, the parts are laid out one
 * after the other in this thread, each after the counts it waits for are known:
 * the same layouts, and only one part's in memory at a time.
 */
async function runParts(
  { split: { parts, listed, templated }, book, tokens, jobs, characters, fonts }: PartsJob,
  shared: Shared,
): Promise<PartReply[]> {
  const threads = jobs > 1 ? workers(Math.min(jobs, parts.length)) : [];
  const lay = async (tree: PdfElement, index: number): Promise<PartReply> => {
    const key = digest(tree, book, tokens, [fonts, index, listed, templated]);
    const earlier = laidOutBefore.get(key);
    const request = {
      tree,
      book: standIn(book, tree, characters),
      tokens,
      index: index + 1,
      shared,
      listed,
      templated,
      ...(earlier ? { reuse: { pages: earlier.pages, before: earlier.before, landing: earlier.landing } } : {}),
    };
    try {
      const thread = threads[index % Math.max(1, threads.length)];
      const answer = thread ? await thread.run(request) : await layOut({ ...request, id: 0 });
      const reply = 'reused' in answer && earlier ? earlier : (answer as PartReply);
      if (reply !== earlier) layouts.parts[index] = (layouts.parts[index] ?? 0) + 1;
      remember(laidOutBefore, key, reply);
      return reply;
    } catch (error) {
      abandon(shared);
      throw error;
    }
  };
  const replies: PartReply[] = [];
  if (threads.length > 0) replies.push(...(await Promise.all(parts.map(lay))));
  else for (const [index, tree] of parts.entries()) replies.push(await lay(tree, index));
  replies.forEach((reply) => {
    if (reply.told !== reply.pages)
      throw new Error(`a part of the book told ${reply.told} pages and laid out ${reply.pages}`);
  });
  return replies;
}

/**
 * The book as a part's layout needs it, small enough to copy to a worker: its
 * metadata, the images the part shows, and, as the text of one chapter, every
 * character of the whole book, so that each part picks the same fonts (font-chain.ts).
 */
function standIn(book: Book, part: PdfElement, characters: string): Book {
  const shown = new Set(imagesIn(part));
  const { root, meta, buildDate, design, pdf, epub } = book;
  return {
    root,
    meta,
    design,
    pdf,
    epub,
    ...(buildDate ? { buildDate } : {}),
    assets: new Map([...book.assets].filter(([key]) => shown.has(key))),
    chapters: [{ tree: { type: 'root', children: [{ type: 'text', value: characters }] } }],
    targets: undefined,
    metaFile: undefined,
  } as unknown as Book;
}

/**
 * The worker's first module: compiled (lib/), the job itself; from the TypeScript
 * sources, a module that registers tsx first (see part-worker.js).
 */
const workerEntry = import.meta.url.endsWith('.ts') ? './part-worker.js' : './part-job.js';

/** The workers, kept between builds (`octavo watch`) with their modules and fonts loaded. */
const pool: PartWorker[] = [];
let front: PartWorker | undefined;

/** The thread the front pages are laid out in. */
function frontWorker(): PartWorker {
  return (front ??= new PartWorker());
}

function workers(count: number): PartWorker[] {
  while (pool.length < count) pool.push(new PartWorker());
  return pool.slice(0, count);
}

/** A worker thread and the requests it has not answered yet, each waiting on one listener set. */
class PartWorker {
  private worker: Worker | undefined;
  private id = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (answer: PartAnswer) => void; reject: (error: Error) => void }
  >();

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL(workerEntry, import.meta.url), {
      execArgv: [],
      // As much heap as this thread has: a build's budget (see core/isolated.ts) holds for each part.
      resourceLimits: { maxOldGenerationSizeMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) },
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    worker
      .on('message', (message: { id: number; reply?: PartAnswer; error?: string }) => {
        const waiter = this.waiting.get(message.id);
        if (!waiter) return;
        this.waiting.delete(message.id);
        // An idle worker does not keep the process alive.
        if (this.waiting.size === 0) worker.unref();
        if (message.reply) waiter.resolve(message.reply);
        else waiter.reject(new Error(message.error ?? 'a part of the book failed'));
      })
      .on('error', fail)
      .on('exit', (code) => fail(new Error(`a worker laying out the book stopped (${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  run(request: Omit<PartRequest, 'id'>): Promise<PartAnswer> {
    const worker = this.thread();
    const id = ++this.id;
    if (this.waiting.size === 0) worker.ref();
    return new Promise<PartAnswer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }
}
