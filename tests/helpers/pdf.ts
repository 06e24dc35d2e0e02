import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface OutlineEntry {
  title: string;
  /** 1-based page the entry jumps to. */
  page: number;
  children: OutlineEntry[];
}

export interface PdfLink {
  page: number;
  /** External URL, when the link leaves the document. */
  url?: string;
  /** 1-based target page of an internal link. */
  targetPage?: number;
}

export interface PdfFacts {
  pages: string[];
  /** Per page, the right edge of the text that reaches furthest right, in points. */
  rightEdges: number[];
  outline: OutlineEntry[];
  links: PdfLink[];
  info: Record<string, unknown>;
}

/** Read a PDF as a user's viewer would: text per page, outline, links, metadata. */
export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pageOf = async (dest: unknown): Promise<number> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
    if (!explicit || explicit.length === 0) return 0;
    return (await doc.getPageIndex(explicit[0] as never)) + 1;
  };
  const pages: string[] = [];
  const rightEdges: number[] = [];
  const links: PdfLink[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    rightEdges.push(
      Math.max(
        0,
        ...content.items.map((item) => ('str' in item && item.str.trim() ? item.transform[4] + item.width : 0)),
      ),
    );
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue;
      if (annotation.url) links.push({ page: n, url: annotation.url as string });
      else if (annotation.dest) links.push({ page: n, targetPage: await pageOf(annotation.dest) });
    }
  }
  const walk = async (items: { title: string; dest: unknown; items: unknown[] }[] | null): Promise<OutlineEntry[]> =>
    Promise.all(
      (items ?? []).map(async (item) => ({
        title: item.title,
        page: await pageOf(item.dest),
        children: await walk(item.items as never),
      })),
    );
  const outline = await walk((await doc.getOutline()) as never);
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
  await doc.destroy();
  return { pages, rightEdges, outline, links, info };
}

/** Text for comparing prose: typographic quotes and dashes as typed, hyphenation undone, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/-\n/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PlacedText {
  str: string;
  /** Where the text starts on its page, in points from the bottom left. */
  x: number;
  y: number;
  /** Font size as drawn, in points (the text matrix's vertical scale). */
  size: number;
  /** How far the text runs to the right of `x`, in points. */
  width: number;
}

export interface PlacedPage {
  width: number;
  height: number;
  items: PlacedText[];
}

/** Every piece of text on every page with its position, as a viewer places it (through form XObjects too). */
export async function placedText(bytes: Uint8Array): Promise<PlacedPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PlacedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item && item.str.trim()
        ? [
            {
              str: item.str,
              x: item.transform[4] - x0,
              y: item.transform[5] - y0,
              size: Math.hypot(item.transform[2], item.transform[3]),
              width: item.width,
            },
          ]
        : [],
    );
    pages.push({ width: x1 - x0, height: y1 - y0, items });
  }
  await doc.destroy();
  return pages;
}

export interface NamedLink {
  /** The page the link is on. */
  page: number;
  /** The named destination it jumps to, and that destination's page. */
  dest: string;
  targetPage: number;
}

/** Every internal link that jumps to a named destination, with the page it is on and the page it reaches. */
export async function namedLinks(bytes: Uint8Array): Promise<NamedLink[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const links: NamedLink[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const annotation of await (await doc.getPage(n)).getAnnotations()) {
      if (annotation.subtype !== 'Link' || typeof annotation.dest !== 'string') continue;
      const explicit = await doc.getDestination(annotation.dest);
      const targetPage = explicit?.[0] ? (await doc.getPageIndex(explicit[0] as never)) + 1 : 0;
      links.push({ page: n, dest: annotation.dest, targetPage });
    }
  }
  await doc.destroy();
  return links;
}
