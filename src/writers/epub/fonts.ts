import { readFile } from 'node:fs/promises';
import { fontFamilies, type FontFace } from '../../../styles/fonts.js';
import type { Tokens } from '../../../styles/tokens.js';
import type { PackageFile } from './package.js';

/** One font file the EPUB carries, and the @font-face rule that names it. */
export interface EmbeddedFont {
  file: PackageFile;
  /** Manifest id. */
  id: string;
  rule: string;
}

/** Characters a reader may add when it lays out the text: hyphens of its own, and the soft hyphen. */
const readerAdds = '-\u2010\u00ad';

/**
 * The theme's faces cut down to the characters the book uses (`text`: every
 * document's text), as TrueType that Kindle, Kobo and Apple Books all read: the
 * text face in its four styles, the heading face in bold when it is another
 * family, and the code face. Layout features (ligatures, kerning) stay for the
 * glyphs kept. The fonts are OFL: embedding them in a book is what they allow.
 */
export async function embeddedFonts(tokens: Tokens, text: string): Promise<EmbeddedFont[]> {
  const { default: subsetFont } = await import('subset-font');
  const chars = [...new Set(text + readerAdds)].sort().join('');
  const wanted: { family: string; face: FontFace }[] = [];
  const add = (family: string, keep: (face: FontFace) => boolean): void => {
    if (wanted.some((w) => w.family === family)) return;
    for (const face of fontFamilies[family]?.faces() ?? []) if (keep(face)) wanted.push({ family, face });
  };
  add(tokens.fonts.body, () => true);
  add(tokens.fonts.heading, (face) => face.fontWeight === 'bold');
  add(tokens.fonts.mono, (face) => face.fontWeight === 'normal' && face.fontStyle === 'normal');
  return Promise.all(
    wanted.map(async ({ family, face }) => {
      const name = `${family.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${face.fontWeight}-${face.fontStyle}`;
      const bytes = await subsetFont(await readFile(face.file), chars, { targetFormat: 'truetype' });
      const href = `fonts/${name}.ttf`;
      return {
        id: `font-${name}`,
        file: { path: href, bytes: new Uint8Array(bytes) },
        rule: `@font-face {
  font-family: "${family}";
  font-weight: ${face.fontWeight};
  font-style: ${face.fontStyle};
  src: url("${href}");
}`,
      };
    }),
  );
}
