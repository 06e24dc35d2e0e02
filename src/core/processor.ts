import type GithubSlugger from 'github-slugger';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import type { Asset } from '../types/book.js';
import type { RemoteImage } from '../resources/remote.js';
import { remarkCheckFootnotes } from '../plugins/remark-check-footnotes.js';
import { remarkCheckHeadingLevels } from '../plugins/remark-check-heading-levels.js';
import { remarkCheckImageAlt } from '../plugins/remark-check-image-alt.js';
import { remarkCheckNodes } from '../plugins/remark-check-nodes.js';
import { remarkHeadingIds } from '../plugins/remark-heading-ids.js';
import { quotesFor } from '../plugins/quotes.js';
import { remarkCheckParagraphs } from '../plugins/remark-check-paragraphs.js';
import { remarkLoadImages } from '../plugins/remark-load-images.js';
import { remarkRawHtml } from '../plugins/remark-raw-html.js';

export interface ProcessorOptions {
  /** Shared by all chapters of a book, so heading ids are unique book-wide. */
  slugger: GithubSlugger;
  root: string;
  assets: Map<string, Asset>;
  /** The book's language, which chooses the quotation marks. */
  lang: string;
  /** Fetches image URLs under --allow-remote. Default: none, and an image URL is an error. */
  fetchRemote?: ((url: string) => Promise<RemoteImage>) | undefined;
}

/**
 * The one fixed pipeline every chapter goes through. Raw HTML becomes Markdown
 * nodes first (or its text), so everything after sees what the writers will. Heading ids are made before
 * smart punctuation, so they match the slugs GitHub makes from the source text.
 * Dashes as in TeX and Pandoc: `--` en dash, `---` em dash. The checks come last
 * and read the tree as the writers will.
 */
export function createProcessor(options: ProcessorOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkRawHtml)
    .use(remarkHeadingIds, { slugger: options.slugger })
    .use(remarkSmartypants, { dashes: 'oldschool', ...quotesFor(options.lang) })
    .use(remarkLoadImages, { root: options.root, assets: options.assets, fetchRemote: options.fetchRemote })
    .use(remarkCheckNodes)
    .use(remarkCheckHeadingLevels)
    .use(remarkCheckImageAlt)
    .use(remarkCheckFootnotes)
    .use(remarkCheckParagraphs, { lang: options.lang });
}
