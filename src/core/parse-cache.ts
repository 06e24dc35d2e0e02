import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Asset } from '../types/book.js';

/**
 * What parsing one chapter gave, and everything it read to get it: its text, the
 * book's settings, the heading ids taken before it, the images it used. A chapter
 * of a rebuild (`octavo watch`) whose text and inputs are all the same is given
 * this again instead of being parsed: a one-word edit re-parses one chapter, not
 * the book (200 chapters took 1.2 s to parse, most of it smart punctuation).
 */
interface Parsed {
  source: string;
  settings: string;
  /** The heading ids taken before the chapter (see `ChapterParses.taken`). */
  takenBefore: string;
  /** What the chapter's headings asked the book's slugger for, in order. */
  slugs: string[];
  /** Never handed out: each reuse gets a copy, as later stages may change their tree. */
  tree: Root;
  messages: VFileMessage[];
  /** Each image the chapter shows, and whether an earlier chapter had read it. */
  images: { key: string; earlier: boolean }[];
  /** The images the chapter read first, with the size and time of their files then. */
  assets: { key: string; asset: Asset; file: string; size: number; mtimeMs: number }[];
}

/** Kept between builds in one process: the last parse of each chapter file. */
const kept = new Map<string, Parsed>();

/** Forget every kept parse (for tests). */
export function forgetParses(): void {
  kept.clear();
}

/** How many chapters were parsed and how many reused, since the counts were last read (for tests). */
export const parseCounts = { parsed: 0, reused: 0 };

/**
 * The parses of one book's load, in chapter order. Chapters share one slugger, so a
 * chapter's heading ids depend on the ids the chapters before it took: the session
 * hashes every slug asked for so far, and a kept parse is reused only after the
 * same ones, its own slugs then asked again so the chapters after it see the same.
 */
export class ChapterParses {
  readonly slugger: GithubSlugger;
  private taken = '';
  private asked: string[] = [];

  constructor(
    real: GithubSlugger,
    private readonly assets: Map<string, Asset>,
    private readonly root: string,
    private readonly settings: string,
    /** Keep the parses for the next load; off, this only parses. */
    private readonly keep: boolean,
  ) {
    const slug = (text: string): string => {
      this.asked.push(text);
      return real.slug(text);
    };
    this.slugger = { slug } as GithubSlugger;
  }

  /** The chapter's tree: a kept one when nothing it read has changed, else `parse()`'s. */
  async parse(file: VFile, parse: () => Promise<Root>): Promise<Root> {
    const source = String(file.value);
    const before = this.taken;
    const reusable = this.keep ? await this.reusable(file, source, before) : undefined;
    if (reusable) {
      parseCounts.reused++;
      for (const text of reusable.slugs) this.slugger.slug(text);
      for (const { key, asset } of reusable.assets) this.assets.set(key, asset);
      file.messages.push(...reusable.messages);
      this.advance();
      return structuredClone(reusable.tree);
    }
    parseCounts.parsed++;
    const known = new Set(this.assets.keys());
    const messageCount = file.messages.length;
    const tree = await parse();
    const slugs = this.advance();
    if (this.keep && file.path) {
      const entry = await this.entry(file, tree, known, messageCount);
      if (entry) kept.set(file.path, { ...entry, source, settings: this.settings, takenBefore: before, slugs });
      else kept.delete(file.path);
    }
    return tree;
  }

  /** Fold the slugs asked since the last chapter into `taken`; returns them. */
  private advance(): string[] {
    const slugs = this.asked;
    this.asked = [];
    this.taken = createHash('sha256').update(this.taken).update('\0').update(slugs.join('\0')).digest('hex');
    return slugs;
  }

  private async reusable(file: VFile, source: string, before: string): Promise<Parsed | undefined> {
    const entry = file.path ? kept.get(file.path) : undefined;
    if (!entry || entry.source !== source || entry.settings !== this.settings || entry.takenBefore !== before) {
      return undefined;
    }
    // An image read first by an earlier chapter must still be, and one this chapter read first still unread.
    if (entry.images.some(({ key, earlier }) => this.assets.has(key) !== earlier)) return undefined;
    for (const { file: imageFile, size, mtimeMs } of entry.assets) {
      const now = await stat(imageFile).catch(() => undefined);
      if (!now || now.size !== size || now.mtimeMs !== mtimeMs) return undefined;
    }
    return entry;
  }

  /**
   * What to keep of a parse, or nothing when it cannot be checked later: a chapter
   * with an error (an image that was missing may be there next time), or with a
   * fetched image.
   */
  private async entry(
    file: VFile,
    tree: Root,
    known: ReadonlySet<string>,
    messageCount: number,
  ): Promise<Omit<Parsed, 'source' | 'settings' | 'takenBefore' | 'slugs'> | undefined> {
    const messages = file.messages.slice(messageCount);
    if (messages.some((message) => message.fatal === true)) return undefined;
    const keys = new Set<string>();
    visit(tree, (node) => {
      if ((node.type === 'image' || node.type === 'imageReference') && node.data?.asset) keys.add(node.data.asset);
    });
    const images = [...keys].map((key) => ({ key, earlier: known.has(key) }));
    const assets: Parsed['assets'] = [];
    for (const { key, earlier } of images) {
      const asset = this.assets.get(key);
      if (earlier) continue;
      if (!asset || /^[a-z][a-z0-9+.-]*:/i.test(key)) return undefined;
      const imageFile = path.join(this.root, asset.path);
      const info = await stat(imageFile).catch(() => undefined);
      if (!info) return undefined;
      assets.push({ key, asset, file: imageFile, size: info.size, mtimeMs: info.mtimeMs });
    }
    return { tree: structuredClone(tree), messages, images, assets };
  }
}
