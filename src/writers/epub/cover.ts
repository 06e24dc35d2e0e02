import type { Font } from 'fontkit';
import { openFace } from '../../../styles/fonts.js';
import type { Tokens } from '../../../styles/tokens.js';
import type { Asset, Book, BookMeta } from '../../types/book.js';

/** Kindle's recommended cover: 1600 × 2560 px (1 : 1.6), sharp on every reader and store page. */
export const coverSize = { width: 1600, height: 2560 } as const;

const margin = 170;
const ink = '#ffffff';

/** A line of text drawn as outlines: the SVG path, its width and its font size, in px. */
interface Line {
  d: string;
  width: number;
}

export type GeneratedCover = { ok: true; asset: Asset } | { ok: false; missing: string[] };

/** All that a cover is drawn from: its words, its faces and its colour. */
interface CoverDesign {
  title: string;
  subtitle?: string | undefined;
  author: string;
  publisher?: string | undefined;
  headingFace: string;
  bodyFace: string;
  background: string;
}

/**
 * A typographic cover for a book that names none: title, subtitle, author and
 * publisher in the theme's faces, light on the theme's accent colour, as a PNG.
 * The text is turned into outlines with fontkit before sharp rasterises the SVG,
 * so no system font is ever involved and the same book gives the same bytes on
 * every machine. When the faces lack a character of the text, no cover is made
 * (a cover with blank boxes is worse than none); `missing` names the characters.
 * The same design is drawn once: a rebuild of the same book (`octavo watch`), or
 * the EPUB writer after `startCover`, takes the cover already made or under way.
 */
export function typographicCover(meta: BookMeta, tokens: Tokens): Promise<GeneratedCover> {
  const design: CoverDesign = {
    title: meta.title,
    subtitle: meta.subtitle,
    author: meta.authors.join(', '),
    publisher: meta.publisher,
    headingFace: tokens.fonts.heading,
    bodyFace: tokens.fonts.body,
    background: tokens.colors.link,
  };
  const key = JSON.stringify(design);
  if (lastCover?.key !== key) {
    const made = draw(design);
    lastCover = { key, made };
    // A failure is not remembered.
    made.catch(() => {
      if (lastCover?.made === made) lastCover = undefined;
    });
  }
  return lastCover.made;
}

/**
 * Start drawing the cover the EPUB writer will ask for, when the book names none.
 * sharp rasterises it on its own threads: started ahead, it is drawn while the PDF
 * is laid out. A failure is met, and reported, when the writer asks for the cover.
 */
export function startCover(book: Pick<Book, 'meta'>, tokens: Tokens): void {
  if (!book.meta.cover) typographicCover(book.meta, tokens).catch(() => undefined);
}

/** The last cover drawn, by its design. */
let lastCover: { key: string; made: Promise<GeneratedCover> } | undefined;

async function draw(design: CoverDesign): Promise<GeneratedCover> {
  const heading = openFace(design.headingFace, 'bold');
  const italic = openFace(design.bodyFace, 'normal', 'italic');
  const regular = openFace(design.bodyFace);
  const { author } = design;
  const missing = [
    ...absent(heading, design.title),
    ...absent(italic, design.subtitle ?? ''),
    ...absent(regular, `${author}${design.publisher ?? ''}`),
  ];
  if (missing.length > 0) return { ok: false, missing: [...new Set(missing)] };

  const { width, height } = coverSize;
  const measure = width - 2 * margin;
  const title = fitted(heading, design.title, measure, { largest: 176, smallest: 88, lines: 4 });
  const parts: string[] = [];
  let y = height * 0.27;
  for (const line of title.lines) {
    y += title.size * 1.12;
    parts.push(pathAt(line, (width - line.width) / 2, y - title.size * 0.22));
  }
  y += 90;
  parts.push(`<rect x="${(width - 200) / 2}" y="${y}" width="200" height="6" fill="${ink}"/>`);
  y += 40;
  if (design.subtitle) {
    const subtitle = fitted(italic, design.subtitle, measure, { largest: 72, smallest: 48, lines: 3 });
    for (const line of subtitle.lines) {
      y += subtitle.size * 1.3;
      parts.push(pathAt(line, (width - line.width) / 2, y, 0.88));
    }
  }
  if (author) {
    const names = fitted(regular, author, measure, { largest: 76, smallest: 44, lines: 2 });
    names.lines.forEach((line, i) => {
      const baseline = height * 0.84 + i * names.size * 1.3;
      parts.push(pathAt(line, (width - line.width) / 2, baseline));
    });
  }
  if (design.publisher) {
    const publisher = fitted(regular, design.publisher, measure, { largest: 44, smallest: 32, lines: 1 });
    for (const line of publisher.lines) parts.push(pathAt(line, (width - line.width) / 2, height - 130, 0.75));
  }
  const frame = 60;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="${design.background}"/>
<rect x="${frame}" y="${frame}" width="${width - 2 * frame}" height="${height - 2 * frame}" fill="none" stroke="${ink}" stroke-opacity="0.45" stroke-width="4"/>
${parts.join('\n')}
</svg>`;
  const bytes = await rasterise(svg);
  return {
    ok: true,
    asset: { path: 'cover.png', bytes, mediaType: 'image/png', width, height },
  };
}

/** The cover's SVG as a PNG, the same bytes for the same SVG. */
async function rasterise(svg: string): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  const buffer = await sharp(Buffer.from(svg))
    .png({ palette: true, colours: 64, effort: 1, compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(buffer);
}

/** Characters of `text` the face has no glyph for (spaces and marks aside). */
function absent(font: Font, text: string): string[] {
  return [...text].filter((char) => !/\s/u.test(char) && !font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0));
}

/**
 * `text` broken into lines no wider than `measure`, at the largest size from
 * `largest` down to `smallest` that needs at most `lines` lines and fits its
 * longest word; at the smallest size it takes as many lines as it needs.
 */
function fitted(
  font: Font,
  text: string,
  measure: number,
  fit: { largest: number; smallest: number; lines: number },
): { size: number; lines: Line[] } {
  const words = text.trim().split(/\s+/u);
  for (let size = fit.largest; ; size -= 4) {
    const last = size <= fit.smallest;
    const scale = size / font.unitsPerEm;
    const space = font.layout(' ').advanceWidth * scale;
    const widths = words.map((word) => font.layout(word).advanceWidth * scale);
    const lines: string[][] = [];
    let current: string[] = [];
    let used = 0;
    words.forEach((word, i) => {
      const w = widths[i] ?? 0;
      if (current.length > 0 && used + space + w > measure) {
        lines.push(current);
        current = [];
        used = 0;
      }
      used += (current.length > 0 ? space : 0) + w;
      current.push(word);
    });
    lines.push(current);
    const fits = Math.max(...widths) <= measure && lines.length <= fit.lines;
    if (fits || last) {
      // A word wider than the measure at the smallest size is drawn smaller still.
      const shrink = Math.min(1, measure / Math.max(...widths));
      return { size: size * shrink, lines: lines.map((line) => outline(font, line.join(' '), size * shrink)) };
    }
  }
}

/** `text` as one SVG path at `size` px, its origin on the baseline at the left. */
function outline(font: Font, text: string, size: number): Line {
  const scale = size / font.unitsPerEm;
  const run = font.layout(text);
  let x = 0;
  const d: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i];
    const dx = (x + (position?.xOffset ?? 0)) * scale;
    const dy = (position?.yOffset ?? 0) * scale;
    d.push(glyph.path.scale(scale, -scale).translate(dx, -dy).toSVG());
    x += position?.xAdvance ?? glyph.advanceWidth;
  });
  return { d: d.join(''), width: x * scale };
}

function pathAt(line: Line, x: number, baseline: number, opacity = 1): string {
  const fade = opacity < 1 ? ` fill-opacity="${opacity}"` : '';
  return `<path transform="translate(${round(x)} ${round(baseline)})" fill="${ink}"${fade} d="${line.d}"/>`;
}

const round = (n: number): number => Math.round(n * 100) / 100;
