import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { epubCss } from '../../styles/epub-css.js';
import { fontFamilies } from '../../styles/fonts.js';
import { resolveTokens } from '../../styles/resolve.js';
import { themeNames, themes } from '../../styles/themes/index.js';

test('every theme a book can name exists, and `default` is still classic', () => {
  for (const name of themeNames) expect(themes[name].name).toBe(name);
  expect(themes.default).toBe(themes.classic);
});

test('every face of every registered family is a TTF file that is there', () => {
  for (const [name, family] of Object.entries(fontFamilies)) {
    const faces = family.faces();
    expect(faces, name).toHaveLength(4);
    for (const face of faces) expect(existsSync(face.file) && face.file.endsWith('.ttf'), face.file).toBe(true);
  }
});

test('themes set only registered families', () => {
  for (const name of themeNames) {
    for (const family of Object.values(themes[name].fonts)) expect(fontFamilies[family], family).toBeDefined();
  }
});

test('overrides replace the values they name and leave the rest to the theme', () => {
  const theme = themes.classic;
  const tokens = resolveTokens(theme, {
    fonts: { heading: 'Source Sans 3', body: undefined },
    size: { body: 12, headings: [24, 18] },
    colors: { link: '#8a1c1c' },
    text: { align: 'left', firstLineIndent: 0 },
  });
  expect(tokens.fonts).toEqual({ ...theme.fonts, heading: 'Source Sans 3' });
  expect(tokens.size).toEqual({ ...theme.size, body: 12, headings: [24, 18, ...theme.size.headings.slice(2)] });
  expect(tokens.colors).toEqual({ ...theme.colors, link: '#8a1c1c' });
  expect(tokens.text).toEqual({ align: 'left', firstLineIndent: 0 });
  expect(tokens.page).toEqual(theme.page);
  expect(resolveTokens(theme)).toEqual(theme);
});

test('a page size scales the theme’s margins; margins the book sets are kept as given', () => {
  const theme = themes.classic;
  const a5 = resolveTokens(theme, { page: { size: [419.53, 595.28] } });
  expect(a5.page.size).toEqual([419.53, 595.28]);
  expect(a5.page.margin.inner).toBeCloseTo(72 * (419.53 / 595.28), 2);
  const set = resolveTokens(theme, { page: { size: [419.53, 595.28], margin: { inner: 40 } } });
  expect(set.page.margin.inner).toBe(40);
  expect(set.page.margin.outer).toBeCloseTo(a5.page.margin.outer, 5);
  // The paper the build asks for wins over the book's page.
  expect(resolveTokens(theme, { page: { size: [419.53, 595.28] } }, { size: [612, 792] }).page.size).toEqual([
    612, 792,
  ]);
});

test('the EPUB names each theme’s faces with a generic fallback of their kind', () => {
  const modern = epubCss(themes.modern);
  expect(modern).toMatch(/body \{\n {2}font-family: "Source Sans 3", sans-serif;/);
  expect(modern).toMatch(/h1, h2, h3, h4, h5, h6 \{\n {2}font-family: "Source Sans 3", sans-serif;/);
  expect(modern).toContain('code, pre { font-family: "JetBrains Mono", monospace; }');
  expect(epubCss(themes.classic)).toMatch(/body \{\n {2}font-family: "Literata", serif;/);
  const mixed = epubCss(resolveTokens(themes.modern, { fonts: { heading: 'Literata' } }));
  expect(mixed).toMatch(/h1, h2, h3, h4, h5, h6 \{\n {2}font-family: "Literata", serif;/);
});
