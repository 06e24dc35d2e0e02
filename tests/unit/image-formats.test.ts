import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { imageFromBytes, maxImagePixels, sniff } from '../../src/resources/load-image.js';
import { sanitizeSvg } from '../../src/resources/svg-sanitize.js';
import { repoRoot } from '../helpers/books.js';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(repoRoot, 'tests/fixtures/image-formats/images', name)));

/** A GIF whose header claims `width` × `height` around a 1 × 1 frame: whole, and tiny. */
function gif(width: number, height: number): Uint8Array {
  const le = (n: number) => [n & 0xff, n >> 8];
  return new Uint8Array([
    ...Buffer.from('GIF89a'),
    ...le(width),
    ...le(height),
    0,
    0,
    0,
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    2,
    2,
    0x4c,
    0x01,
    0,
    0x3b,
  ]);
}

/** A WebP of only a VP8X chunk whose canvas is `width` × `height`. */
function webp(width: number, height: number): Uint8Array {
  const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
  const chunk = [...Buffer.from('VP8X'), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  const body = [...Buffer.from('WEBP'), ...chunk];
  return new Uint8Array([...Buffer.from('RIFF'), body.length, 0, 0, 0, ...body]);
}

describe('GIF, WebP and SVG are images Octavo takes', () => {
  test('sniffed by their bytes, whatever their name', () => {
    expect(sniff(fixture('chart.gif'))).toBe('image/gif');
    expect(sniff(fixture('chart.webp'))).toBe('image/webp');
    expect(sniff(fixture('diagram.svg'))).toBe('image/svg+xml');
    expect(sniff(new TextEncoder().encode('<!-- a drawing --><svg width="1" height="1"/>'))).toBe('image/svg+xml');
    expect(sniff(new TextEncoder().encode('<html><svg/></html>'))).toBeUndefined();
  });

  test('a GIF and a WebP load with their size; an animated GIF is noted, its first frame printed', () => {
    const chart = imageFromBytes(fixture('chart.gif'), 'chart.gif');
    expect(chart).toMatchObject({ ok: true, asset: { mediaType: 'image/gif', width: 480, height: 240 } });
    expect(chart.ok && chart.notes).toBeFalsy();
    expect(imageFromBytes(fixture('chart.webp'), 'chart.webp')).toMatchObject({
      ok: true,
      asset: { mediaType: 'image/webp', width: 480, height: 240 },
    });
    const blink = imageFromBytes(fixture('blink.gif'), 'blink.gif');
    expect(blink.ok && blink.notes).toEqual([
      expect.objectContaining({ ruleId: 'image-animated', reason: expect.stringContaining('has 2 frames') }),
    ]);
  });

  test('a GIF or WebP cut short is refused before anything decodes it', () => {
    for (const name of ['chart.gif', 'chart.webp', 'blink.gif']) {
      const bytes = fixture(name);
      const cut = imageFromBytes(bytes.subarray(0, bytes.length - 7), name);
      expect(cut, name).toMatchObject({ ok: false, reason: expect.stringMatching(/^Corrupt image: .*truncated/) });
    }
  });

  test('the pixel cap is read from the header of a GIF and a WebP too', () => {
    expect(imageFromBytes(gif(2000, 1000), 'small.gif')).toMatchObject({ ok: true });
    expect(imageFromBytes(gif(10000, 10000), 'huge.gif')).toMatchObject({
      ok: false,
      reason: `Image too large: huge.gif is 10000×10000 pixels, over the ${maxImagePixels / 1e6} megapixels Octavo decodes`,
    });
    expect(imageFromBytes(webp(2000, 1000), 'small.webp')).toMatchObject({ ok: true });
    expect(imageFromBytes(webp(12000, 12000), 'huge.webp')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Image too large: huge\.webp is 12000×12000 pixels/),
    });
  });

  test('an SVG is kept only as the sanitiser rewrote it, each removal noted', () => {
    const loaded = imageFromBytes(fixture('diagram.svg'), 'diagram.svg');
    if (!loaded.ok) throw new Error(loaded.reason);
    const svg = new TextDecoder().decode(loaded.asset.bytes);
    expect(loaded.asset).toMatchObject({ mediaType: 'image/svg+xml', width: 360, height: 180 });
    expect(svg).not.toMatch(
      /script|onload|onclick|foreignObject|DOCTYPE|ENTITY|example\.com|other\.svg|<image|@import/,
    );
    expect(svg).toContain('fill="url(#fade)"');
    expect(svg).toContain('marker-end="url(#arrow)"');
    expect(loaded.notes?.every((note) => note.ruleId === 'html-removed')).toBe(true);
    expect(loaded.notes?.length).toBe(11);
  });
});

describe('sanitizeSvg', () => {
  const clean = (svg: string) => sanitizeSvg(svg);

  test('keeps references inside the image, removes every other', () => {
    const out = clean(
      '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/><use href="b.svg#a"/>' +
        '<rect fill="url(#g)" stroke="url(http://x/y#g)" style="fill: url( \'#g\' )"/>' +
        '<circle style="background: url(data:image/png;base64,AAAA)"/></svg>',
    );
    expect(out?.svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
        '<use xlink:href="#a"></use><use></use><rect fill="url(#g)" style="fill: url( \'#g\' )"></rect><circle></circle></svg>',
    );
    expect(out?.removed).toEqual([
      'a reference to b.svg#a',
      'a reference to http://x/y#g',
      'a reference to data:image/png;base64,AAAA',
    ]);
  });

  test('never expands an entity, and escapes what it writes', () => {
    const out = clean('<!DOCTYPE svg [<!ENTITY e "<script>x</script>">]><svg><text>&e; &lt;b&gt; "q"</text></svg>');
    expect(out?.svg).toContain('<text>&amp;e; &lt;b&gt; "q"</text>');
    expect(out?.removed).toEqual(['its <!DOCTYPE>', 'its <!ENTITY> declarations']);
  });

  test('handlers in any case, script and HTML inside foreignObject go; editors’ metadata goes quietly', () => {
    const out = clean(
      '<svg OnLoad="x()"><metadata><rdf:RDF/></metadata><sodipodi:namedview/><foreignObject><img src=x onerror=y></foreignObject><script>z()</script><g/></svg>',
    );
    expect(out?.svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g></g></svg>',
    );
    expect(out?.removed).toEqual(['an onload handler', '<foreignObject>', '<script>']);
  });

  test('a file with no <svg> element is not an SVG', () => {
    expect(clean('<html><body>hi</body></html>')).toBeUndefined();
  });
});
