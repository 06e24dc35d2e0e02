import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { StyleOverrides } from '../../styles/resolve.js';
import type { ThemeName } from '../../styles/themes/index.js';

/** Book metadata, validated from book.yaml or a single file's front matter. */
export interface BookMeta {
  title: string;
  subtitle?: string;
  authors: string[];
  /** BCP 47 language tag; default `en`. */
  lang: string;
  /** ISO 8601 date as written in the manuscript. */
  date?: string;
  description?: string;
  publisher?: string;
  rights?: string;
  identifier?: string;
  /** Cover image, already resolved and loaded. */
  cover?: Asset;
}

/** A file the book uses (image, cover), loaded once by the resolver. */
export interface Asset {
  /** Path relative to the book root, with forward slashes (stable across machines). */
  path: string;
  bytes: Uint8Array;
  /** What the bytes are; an SVG's bytes are the sanitised image (see resources/svg-sanitize.ts). */
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  width: number;
  height: number;
}

/** One chapter: its source file (which carries every message about it) and its tree. */
export interface Chapter {
  file: VFile;
  tree: Root;
  /** Plain text of the chapter's first heading, or undefined when it has none. */
  title?: string;
}

/**
 * Where links go, decided once for both writers: every id a link may target (heading
 * ids, footnote ids) with the chapter that holds it (see plugins/link-targets.ts).
 */
export interface LinkTargets {
  /** Id → index of the chapter that holds it. */
  ids: ReadonlyMap<string, number>;
  /** Absolute path of each chapter's source → its index, for `other.md#id` links. */
  files: ReadonlyMap<string, number>;
  /** Chapter index → the heading ids GitHub gives within that file alone → their ids in the book. */
  local: ReadonlyMap<number, ReadonlyMap<string, string>>;
}

/** How the PDF opens: a title page, a table of contents and how deep it goes. */
export interface PdfOptions {
  /** Default: a book of more than one chapter whose chapters start new pages has one. */
  titlePage?: boolean | undefined;
  /** Default: as `titlePage`. */
  toc?: boolean | undefined;
  /** The deepest heading level the contents list. Default 3. */
  tocDepth: number;
  /** Footnotes at the foot of the page that cites them, or after their chapter. Default `page`. */
  footnotes?: 'page' | 'chapter' | undefined;
}

/** The one thing every writer reads. */
export interface Book {
  /** Folder that holds the book; every file the book uses lies inside it. */
  root: string;
  /** The file that holds the metadata (book.yaml or the single .md). */
  metaFile: VFile;
  meta: BookMeta;
  chapters: Chapter[];
  /** Every link target of the book. */
  targets: LinkTargets;
  /** Images keyed by their path in the book (as `Asset.path`). */
  assets: Map<string, Asset>;
  /**
   * The instant written into outputs: SOURCE_DATE_EPOCH, else the book's `date`.
   * Undefined when neither is given: both outputs then carry 1970-01-01, never
   * the clock (the EPUB must have a date; react-pdf would write the time of the build).
   */
  buildDate?: Date;
  /** How the book asks to look (book.yaml's `theme` and `style`); the build turns it into tokens. Default: classic. */
  design?: { theme: ThemeName; style?: StyleOverrides };
  /** book.yaml's `pdf:` options. Default: none set (the front pages follow the number of chapters). */
  pdf?: PdfOptions;
  /** book.yaml's `epub:` options. Default: none set. */
  epub?: { embedFonts: boolean; downscaleImages: boolean };
}
