import { readdir } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { refuseForeignFrontMatter } from '../config/front-matter.js';
import { loadConfig, type LoadedConfig, type NamedPath } from '../config/load.js';
import type { Asset, Book, BookMeta, Chapter } from '../types/book.js';
import { report, type Problem, type RuleId } from '../types/messages.js';
import { loadImage } from '../resources/load-image.js';
import { maxBookBytes } from '../resources/limits.js';
import { checkNesting } from '../resources/nesting.js';
import { formatBytes } from '../resources/read-file.js';
import { firstOverBook, readSource } from '../resources/read-source.js';
import { remoteImageLoader, type RemoteImage, type RemoteOptions } from '../resources/remote.js';
import { resolveBookPath } from '../resources/resolve.js';
import { leadHeading } from '../plugins/chapter-title.js';
import { nearest } from '../plugins/nearest.js';
import { checkHeadingIds } from '../plugins/heading-duplicates.js';
import { checkLinks, collectTargets } from '../plugins/link-targets.js';
import { ChapterParses } from './parse-cache.js';
import { createProcessor } from './processor.js';

/** What loading gives: the book when it is usable, and every file with messages. */
export interface LoadResult {
  book?: Book;
  /** The metadata file first, then each chapter. */
  files: VFile[];
}

/** Read, validate and parse a whole book into the one tree both writers read. */
export async function loadBook(
  input: string,
  env: {
    sourceDateEpoch?: string | undefined;
    /** Called before each chapter is read, with how many came before, how many there are, and its path. */
    onChapter?: (done: number, total: number, file: string) => void;
    /** Fetch http(s) images (and cover) under these rules. Default: none; an image URL is an error. */
    remote?: RemoteOptions | undefined;
    /**
     * Called once book.yaml is read, before any chapter, with the book's metadata and
     * design, so that work which needs no chapter can start (the EPUB's cover).
     * `meta.cover` is not loaded yet: `coverNamed` says whether book.yaml names one.
     */
    onMeta?: (early: Pick<Book, 'meta' | 'design'> & { coverNamed: boolean }) => void;
    /** Keep each chapter's parse for the next load in this process, which re-parses only what changed (see parse-cache.ts). */
    incremental?: boolean;
  } = {},
): Promise<LoadResult> {
  const loaded = await loadConfig(input);
  const files: VFile[] = [loaded.metaFile];
  const config = loaded.config;
  if (!config) return { files };

  const assets = new Map<string, Asset>();
  const fetchRemote = env.remote ? remoteImageLoader(env.remote) : undefined;
  const parses = new ChapterParses(
    new GithubSlugger(),
    assets,
    loaded.root,
    JSON.stringify([config.lang, loaded.root, Boolean(fetchRemote)]),
    env.incremental === true,
  );
  const processor = createProcessor({
    slugger: parses.slugger,
    root: loaded.root,
    assets,
    lang: config.lang,
    fetchRemote,
  });
  const meta: BookMeta = {
    title: config.title,
    authors: config.author === undefined ? [] : [config.author].flat(),
    lang: config.lang,
    ...optional(config, ['subtitle', 'date', 'description', 'publisher', 'rights', 'identifier'] as const),
  };
  const design = { theme: config.theme, ...(config.style ? { style: config.style } : {}) };
  env.onMeta?.({ meta: { ...meta }, design, coverNamed: loaded.cover !== undefined });

  const chapters: Chapter[] = [];
  const listed = new Set<string>();
  // Every chapter is resolved before any is read, so a book too large is refused unread.
  const paths: (string | undefined)[] = [];
  for (const named of loaded.chapters) {
    paths.push(named.path === loaded.metaFile.path ? named.path : await chapterPath(named, loaded, listed));
  }
  if (await bookTooLarge(loaded, paths)) return { files };
  for (const [index, named] of loaded.chapters.entries()) {
    const resolved = paths[index];
    if (resolved === undefined) continue;
    env.onChapter?.(index, loaded.chapters.length, resolved);
    const file = resolved === loaded.metaFile.path ? loaded.metaFile : await chapterSource(named, resolved, loaded);
    if (!file) continue;
    if (file !== loaded.metaFile) files.push(file);
    if (file.messages.some((m) => m.fatal) || !checkNesting(file)) continue;
    const tree = await parses.parse(file, async () => (await processor.run(processor.parse(file), file)) as Root);
    checkChapterTree(tree, file, file !== loaded.metaFile);
    const lead = leadHeading(tree);
    const title = lead ? toString(lead) : undefined;
    chapters.push(title === undefined ? { file, tree } : { file, tree, title });
  }

  const targets = collectTargets({ chapters });
  checkLinks({ chapters }, targets);
  checkHeadingIds({ chapters });

  if (loaded.cover) {
    const cover = await loadCover(
      loaded.cover.path,
      loaded.cover.written,
      loaded.metaFile,
      loaded.root,
      loaded.cover.place,
      fetchRemote,
    );
    if (cover) meta.cover = cover;
  }
  const buildDate = chooseBuildDate(env.sourceDateEpoch, meta.date, loaded.metaFile);
  const book: Book = {
    root: loaded.root,
    metaFile: loaded.metaFile,
    meta,
    chapters,
    targets,
    assets,
    design,
    ...(config.pdf ? { pdf: config.pdf } : {}),
    ...(config.epub ? { epub: config.epub } : {}),
  };
  if (buildDate) book.buildDate = buildDate;
  return { files, book };
}

/** An error (or warning) about a chapter, at its entry in book.yaml. */
function chapterProblem(named: NamedPath, loaded: LoadedConfig) {
  return (reason: string, ruleId: RuleId, hint: string, severity: Problem['severity'] = 'error'): undefined => {
    report(loaded.metaFile, { reason, ruleId, place: named.place, hint, severity });
    return undefined;
  };
}

/**
 * The real path of a chapter named in book.yaml, through the one resolver every
 * file of the book goes through: it must be a .md file inside the book folder,
 * listed once. Undefined, with the reason reported, when it is not.
 */
async function chapterPath(named: NamedPath, loaded: LoadedConfig, listed: Set<string>): Promise<string | undefined> {
  const problem = chapterProblem(named, loaded);
  const resolved = await resolveBookPath(named.written, loaded.metaFile.path, loaded.root);
  if (!resolved.ok) {
    switch (resolved.failure.kind) {
      case 'missing': {
        const near = await nearbyFile(loaded.metaFile.path, named.written);
        return problem(
          `Chapter not found: ${named.written}`,
          'chapter-missing',
          near
            ? `did you mean ${near}?`
            : 'chapter paths are relative to book.yaml; check the spelling and the .md extension',
        );
      }
      case 'not-a-file':
        return resolved.failure.folder
          ? problem(
              `Chapter is a folder, not a file: ${named.written}`,
              'chapter-invalid',
              'list the .md files inside it one by one',
            )
          : problem(
              `Chapter is not a regular file: ${named.written}`,
              'chapter-invalid',
              'a chapter is a plain .md file, not a pipe or a device',
            );
      default:
        return problem(
          `Chapter lies outside the book folder: ${named.written}`,
          'chapter-invalid',
          'a book may only use its own files; move the chapter into the folder that holds book.yaml',
        );
    }
  }
  if (!/\.(md|markdown)$/i.test(resolved.path)) {
    return problem(`Chapter is not a Markdown file: ${named.written}`, 'chapter-invalid', 'chapters are .md files');
  }
  if (listed.has(resolved.path)) {
    return problem(
      `Chapter listed twice: ${named.written}`,
      'chapter-invalid',
      'each chapter appears once in the book; remove the second entry',
      'warning',
    );
  }
  listed.add(resolved.path);
  return resolved.path;
}

/** Read a chapter at its resolved path. */
async function chapterSource(named: NamedPath, resolved: string, loaded: LoadedConfig): Promise<VFile | undefined> {
  const file = await readSource(resolved).catch(() => undefined);
  if (!file) {
    return chapterProblem(named, loaded)(
      `Chapter cannot be read: ${named.written}`,
      'chapter-invalid',
      'check that the file is readable',
    );
  }
  // An error, so the chapter is never parsed: its code would otherwise print as a heading (the closing --- underlines it).
  refuseForeignFrontMatter(file);
  return file;
}

/**
 * A book whose chapters (at their resolved paths, inside the book) add up to more
 * than `maxBookBytes` is an error at the chapter that takes it over.
 */
async function bookTooLarge(loaded: LoadedConfig, paths: readonly (string | undefined)[]): Promise<boolean> {
  const over = await firstOverBook(paths);
  const named = over && loaded.chapters[over.index];
  if (!over || !named) return false;
  report(loaded.metaFile, {
    reason: `The book is over ${formatBytes(maxBookBytes)} with ${named.written} (${formatBytes(over.total)} so far), more than Octavo reads`,
    ruleId: 'book-too-large',
    place: named.place,
    hint: 'build it as several books, or look for generated or pasted text that does not belong',
    severity: 'error',
  });
  return true;
}

/** Warn about a chapter with nothing to print, or with front matter that has no effect. */
function checkChapterTree(tree: Root, file: VFile, inFolderBook: boolean): void {
  const front = tree.children.find((node) => node.type === 'yaml');
  if (inFolderBook && front) {
    report(file, {
      reason: 'Front matter in a chapter is ignored',
      ruleId: 'chapter-invalid',
      place: front,
      hint: 'the book’s metadata lives in book.yaml; remove the block between the --- lines',
      severity: 'warning',
    });
  }
  if (!tree.children.some((node) => node.type !== 'yaml' && node.type !== 'definition' && node.type !== 'html')) {
    report(file, {
      reason: 'The chapter is empty',
      ruleId: 'chapter-empty',
      hint: 'write its text, or take it out of book.yaml',
      severity: 'warning',
    });
  }
}

/** The given keys of `from` that are set (optional fields stay absent, never undefined). */
function optional<T extends object, K extends keyof T>(
  from: T,
  keys: readonly K[],
): { [P in K]?: Exclude<T[P], undefined> } {
  const out: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key] as Exclude<T[K], undefined>;
  return out;
}

async function loadCover(
  absolute: string,
  written: string,
  metaFile: VFile,
  root: string,
  place: { line: number; column: number } | undefined,
  fetchRemote: ((url: string) => Promise<RemoteImage>) | undefined,
): Promise<Asset | undefined> {
  const resolved = await resolveBookPath(written, metaFile.path, root);
  const problem = (reason: string, hint: string): undefined => {
    report(metaFile, { reason, ruleId: 'cover-invalid', place, hint, severity: 'error' });
    return undefined;
  };
  if (!resolved.ok && resolved.failure.kind === 'remote') {
    if (!fetchRemote) {
      return problem(
        `Remote cover image not fetched: ${written}`,
        'Octavo uses the network only when asked: download the cover into the book folder and use a relative path, or build with --allow-remote',
      );
    }
    const image = await fetchRemote(written);
    if (!image.ok) return problem(image.reason, image.hint);
    return coverFormat(image.asset) ? image.asset : problem(`Cover image must be a PNG or JPEG: ${written}`, coverHint);
  }
  if (!resolved.ok) {
    return resolved.failure.kind === 'missing'
      ? problem(
          `Cover image not found: ${written}`,
          `looked for ${absolute}; the path is relative to the book metadata file`,
        )
      : problem(
          `Cover image must be a file inside the book folder: ${written}`,
          'copy it into the book folder and use a relative path',
        );
  }
  const image = await loadImage(resolved.path, resolved.relative);
  if (!image.ok) return problem(image.reason, image.hint);
  return coverFormat(image.asset) ? image.asset : problem(`Cover image must be a PNG or JPEG: ${written}`, coverHint);
}

/** What every store takes as a cover. */
const coverFormat = (asset: Asset): boolean => asset.mediaType === 'image/png' || asset.mediaType === 'image/jpeg';
const coverHint = 'export the cover as a JPEG (or a PNG) of 1600 × 2560 px';

/** SOURCE_DATE_EPOCH wins (reproducible-builds.org), then the book's date; never the clock. */
function chooseBuildDate(epoch: string | undefined, date: string | undefined, metaFile: VFile): Date | undefined {
  if (epoch !== undefined && epoch !== '') {
    const seconds = Number(epoch);
    if (Number.isInteger(seconds) && seconds >= 0) return new Date(seconds * 1000);
    report(metaFile, {
      reason: `SOURCE_DATE_EPOCH is not a whole number of seconds: ${epoch}`,
      ruleId: 'option-invalid',
      // reproducible-builds.org: a malformed value must stop the build, not be ignored.
      hint: 'set it to a Unix time such as 1767571200, or unset it',
      severity: 'error',
    });
  }
  // A time without a zone would be read as local time: pin it to UTC.
  if (date !== undefined) return new Date(/T[\d:.]+$/.test(date) ? `${date}Z` : date);
  return undefined;
}

/** A Markdown file beside the one named that is spelt almost like it: what a misspelt chapter meant. */
async function nearbyFile(metaFile: string, written: string): Promise<string | undefined> {
  const folder = path.dirname(written);
  const names = await readdir(path.resolve(path.dirname(metaFile), folder)).catch(() => [] as string[]);
  const near = nearest(
    path.basename(written),
    names.filter((name) => /\.(md|markdown)$/i.test(name)),
  );
  return near === undefined ? undefined : path.posix.join(folder === '.' ? '' : folder, near);
}
