import { createRequire } from 'node:module';
import { openSync, type Font } from 'fontkit';

/**
 * The font registry: every family a theme may name, as static TTF files shipped
 * by npm packages (react-pdf cannot draw WOFF2 or pick instances of variable fonts).
 */
export interface FontFace {
  /** Absolute path of the TTF file. */
  file: string;
  fontWeight: 'normal' | 'bold';
  fontStyle: 'normal' | 'italic';
}

const require = createRequire(import.meta.url);

function expo(pkg: string, prefix: string): FontFace[] {
  const face = (dir: string, fontWeight: FontFace['fontWeight'], fontStyle: FontFace['fontStyle']): FontFace => ({
    file: require.resolve(`@expo-google-fonts/${pkg}/${dir}/${prefix}_${dir}.ttf`),
    fontWeight,
    fontStyle,
  });
  return [
    face('400Regular', 'normal', 'normal'),
    face('400Regular_Italic', 'normal', 'italic'),
    face('700Bold', 'bold', 'normal'),
    face('700Bold_Italic', 'bold', 'italic'),
  ];
}

export interface FontFamily {
  /** Regular, italic, bold and bold italic. */
  faces: () => FontFace[];
  /** The CSS generic family the EPUB falls back to when a reader lacks this one. */
  generic: 'serif' | 'sans-serif' | 'monospace';
  /** For a monospaced family: every glyph's advance, in em (read from the font; a test checks it). */
  advance?: number;
}

/** Families by name. */
export const fontFamilies: Readonly<Record<string, FontFamily>> = {
  Literata: { faces: () => expo('literata', 'Literata'), generic: 'serif' },
  'Source Sans 3': { faces: () => expo('source-sans-3', 'SourceSans3'), generic: 'sans-serif' },
  'JetBrains Mono': { faces: () => expo('jetbrains-mono', 'JetBrainsMono'), generic: 'monospace', advance: 0.6 },
};

/** Families whose glyphs all have one width: only these can set code (its lines are wrapped by count). */
export const monospaced: readonly string[] = Object.keys(fontFamilies).filter(
  (name) => fontFamilies[name]?.advance !== undefined,
);

/** One face of a registered family, opened with fontkit (to measure, check glyphs or draw outlines). */
export function openFace(
  family: string,
  fontWeight: FontFace['fontWeight'] = 'normal',
  fontStyle: FontFace['fontStyle'] = 'normal',
): Font {
  const faces = fontFamilies[family]?.faces() ?? [];
  const face = faces.find((f) => f.fontWeight === fontWeight && f.fontStyle === fontStyle) ?? faces[0];
  if (!face) throw new Error(`font family ${family} is not in styles/fonts.ts`);
  return openSync(face.file) as Font;
}
