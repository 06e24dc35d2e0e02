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

/**
 * A face that fills the gaps of the theme's faces: its upright files, also
 * registered as its italics (these families have none, and react-pdf refuses a
 * style a family lacks), bold falling back to regular where there is no bold.
 */
function fallback(pkg: string, prefix: string, bold: boolean): FontFace[] {
  const file = (dir: string): string => require.resolve(`@expo-google-fonts/${pkg}/${dir}/${prefix}_${dir}.ttf`);
  const regular = file('400Regular');
  const heavy = bold ? file('700Bold') : regular;
  return (['normal', 'italic'] as const).flatMap((fontStyle) => [
    { file: regular, fontWeight: 'normal' as const, fontStyle },
    { file: heavy, fontWeight: 'bold' as const, fontStyle },
  ]);
}

/** What a fallback family is there for: the script it sets, or symbols. */
export type FallbackRole = 'ja' | 'ko' | 'zh' | 'symbols';

export interface FallbackFamily {
  faces: () => FontFace[];
  role: FallbackRole;
}

/**
 * Families for the characters the theme's faces lack, in the order they are
 * tried after them (see src/writers/pdf/font-chain.ts): the CJK faces are large
 * (5 to 10 MB each) and are registered only for a book that has such characters.
 * The symbol faces come before the emoji face, whose dingbats are drawn as emoji.
 */
export const fallbackFamilies: Readonly<Record<string, FallbackFamily>> = {
  'Noto Sans JP': { faces: () => fallback('noto-sans-jp', 'NotoSansJP', true), role: 'ja' },
  'Noto Sans KR': { faces: () => fallback('noto-sans-kr', 'NotoSansKR', true), role: 'ko' },
  'Noto Sans SC': { faces: () => fallback('noto-sans-sc', 'NotoSansSC', true), role: 'zh' },
  'Noto Sans Symbols 2': { faces: () => fallback('noto-sans-symbols-2', 'NotoSansSymbols2', false), role: 'symbols' },
  'Noto Sans Symbols': { faces: () => fallback('noto-sans-symbols', 'NotoSansSymbols', true), role: 'symbols' },
  'Noto Sans Math': { faces: () => fallback('noto-sans-math', 'NotoSansMath', false), role: 'symbols' },
  'Noto Emoji': { faces: () => fallback('noto-emoji', 'NotoEmoji', true), role: 'symbols' },
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
  const faces = (fontFamilies[family] ?? fallbackFamilies[family])?.faces() ?? [];
  const face = faces.find((f) => f.fontWeight === fontWeight && f.fontStyle === fontStyle) ?? faces[0];
  if (!face) throw new Error(`font family ${family} is not in styles/fonts.ts`);
  let font = opened.get(face.file);
  if (!font) {
    font = openSync(face.file) as Font;
    opened.set(face.file, font);
  }
  return font;
}

/** Faces already read: a CJK face is 5 to 10 MB, and the glyph check and every rendering ask for it. */
const opened = new Map<string, Font>();
