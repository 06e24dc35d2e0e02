import { EPub, type Options } from 'epub-gen-memory';
import type { Labels } from '../../plugins/labels.js';
import type { AccessibilityMeta } from './accessibility.js';
import type { TocEntry } from './nav.js';
import * as templates from './templates.js';
import { notXml } from './templates.js';

/** Everything the OPF, NCX and nav templates print (the `octavo` template variable). */
export interface PackageData {
  identifier: string;
  title: string;
  lang: string;
  creators: string[];
  date?: string;
  description?: string;
  publisher?: string;
  rights?: string;
  /** dcterms:modified, `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  /** schema.org accessibility metadata (see accessibility.ts). */
  accessibility: AccessibilityMeta[];
  /** The page list nav: each PDF page's marker. Empty without one. */
  pageList: { href: string; label: string; order: number }[];
  /** The edition whose pages the page list gives (dc:source, source-of pagination). */
  paginationSource?: string;
  /** Manifest id of the cover image, for the EPUB 2 `<meta name="cover">` Kindle reads. */
  coverImage?: string;
  manifest: { id: string; href: string; mediaType: string; properties?: string }[];
  /** Manifest ids in reading order; non-linear items are reachable only by link. */
  spine: { idref: string; linear: boolean }[];
  toc: TocEntry[];
  tocDepth: number;
  /** The nav document's <?xml…?> to </head>, shared with content documents (templates.xhtmlHead). */
  navHead: string;
  labels: Labels;
  landmarks: { type: string; href: string; label: string }[];
}

/** A content document, `<id>.xhtml`, complete as it goes into the zip. */
export interface PackageDocument {
  id: string;
  xhtml: string;
}

/** A binary file, path relative to OEBPS/. */
export interface PackageFile {
  path: string;
  bytes: Uint8Array;
}

export interface PackageInput {
  data: PackageData;
  css: string;
  documents: PackageDocument[];
  files: PackageFile[];
}

/**
 * DOS timestamps hold no zone; JSZip writes the Date's UTC fields
 * (jszip/lib/generate/ZipFileWorker.js), so a UTC instant gives the same bytes
 * in every time zone. 1980-01-01 is the earliest DOS date.
 */
const zipDate = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * epub-gen-memory with its network paths shut: it would fetch every <img src>,
 * font and cover URL (dist/lib/index.js, downloadAll*, makeCover). Octavo hands it
 * no HTML and adds image bytes itself, so these stay no-ops by construction.
 */
class OctavoEPub extends EPub {
  get archive() {
    return this.zip;
  }
  protected override async downloadAllFonts(): Promise<void> {}
  protected override async downloadAllImages(): Promise<void> {}
  protected override async makeCover(): Promise<void> {}
}

/** Render the templates through epub-gen-memory and zip the result byte-for-byte reproducibly. */
export async function packageEpub(input: PackageInput): Promise<Uint8Array> {
  // Metadata and titles come straight from the manuscript: a stray control character would make the OPF unparsable.
  const data = xmlClean(input.data);
  // Extra keys reach the templates: the library spreads options and chapters into them.
  const options: Options & { octavo: PackageData } = {
    title: data.title,
    author: data.creators,
    lang: data.lang,
    date: data.modified,
    version: 3,
    css: input.css,
    chapterXHTML: templates.chapterXHTML,
    contentOPF: templates.contentOPF,
    tocNCX: templates.tocNCX,
    tocXHTML: templates.tocXHTML,
    prependChapterTitles: false,
    tocInTOC: false,
    numberChaptersInTOC: false,
    verbose: false,
    octavo: data,
  };
  // `content: ''` leaves nothing for its HTML cleaner (util/html-parse.js), which
  // would drop epub:type and role and rename images to random uuids; the finished
  // document rides in `xhtml`, which the chapter template prints as is.
  const chapters = input.documents.map((doc) => ({
    title: doc.id,
    filename: `${doc.id}.xhtml`,
    content: '',
    xhtml: doc.xhtml,
  }));
  const epub = new OctavoEPub(options, chapters);
  await epub.render();
  const zip = epub.archive;
  for (const file of input.files) zip.file(`OEBPS/${file.path}`, file.bytes, { binary: true });
  for (const entry of Object.values(zip.files)) entry.date = zipDate;
  return zip.generateAsync({
    type: 'uint8array',
    mimeType: 'application/epub+zip',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'DOS',
  });
}

function xmlClean<T>(value: T): T {
  if (typeof value === 'string') return value.replace(notXml, '') as T;
  if (Array.isArray(value)) return value.map(xmlClean) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlClean(v)])) as T;
  return value;
}
