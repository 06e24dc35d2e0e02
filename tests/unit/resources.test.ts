import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadImage } from '../../src/resources/load-image.js';
import { readSource } from '../../src/resources/read-source.js';
import { resolveBookPath } from '../../src/resources/resolve.js';
import { tempDir } from '../helpers/books.js';

const figure = path.join(import.meta.dirname, '../fixtures/images/images/figure.png');

function book(): { root: string; chapter: string } {
  const root = tempDir();
  mkdirSync(path.join(root, 'chapters/images'), { recursive: true });
  copyFileSync(figure, path.join(root, 'chapters/images/my fig.png'));
  writeFileSync(path.join(root, 'secret.txt'), 'outside');
  return { root, chapter: path.join(root, 'chapters/one.md') };
}

describe('resolveBookPath', () => {
  test('resolves relative to the chapter and percent-decodes once', async () => {
    const { root, chapter } = book();
    const resolved = await resolveBookPath('images/my%20fig.png', chapter, root);
    expect(resolved).toEqual({
      ok: true,
      path: path.join(root, 'chapters/images/my fig.png'),
      relative: 'chapters/images/my fig.png',
    });
    const twice = await resolveBookPath('images/my%2520fig.png', chapter, root);
    expect(twice.ok).toBe(false);
  });

  test.each([
    ['https://example.com/a.png', 'remote'],
    ['//example.com/a.png', 'remote'],
    ['/etc/passwd', 'absolute'],
    ['file:///etc/passwd', 'absolute'],
    ['C:\\\\Windows\\\\a.png', 'absolute'],
    ['../../../etc/passwd', 'outside'],
    ['..%2F..%2F..%2Fetc%2Fpasswd', 'outside'],
    ['images/nope.png', 'missing'],
    ['images', 'not-a-file'],
  ])('%s is refused as %s', async (url, kind) => {
    const { root, chapter } = book();
    const resolved = await resolveBookPath(url, chapter, root);
    expect(resolved.ok ? 'ok' : resolved.failure.kind).toBe(kind);
  });

  test('a symlink that leads out of the book is refused', async () => {
    const { root, chapter } = book();
    symlinkSync(root, path.join(root, 'chapters/images/up'));
    const resolved = await resolveBookPath('images/up/secret.txt', chapter, path.join(root, 'chapters'));
    expect(resolved.ok ? 'ok' : resolved.failure.kind).toBe('outside');
  });
});

describe('loadImage', () => {
  test('reads a PNG with its size', async () => {
    const loaded = await loadImage(figure, 'figure.png');
    expect(loaded.ok && loaded.asset).toMatchObject({ path: 'figure.png', mediaType: 'image/png' });
    expect(loaded.ok && loaded.asset.width).toBeGreaterThan(0);
  });

  test('judges by magic bytes, not by name', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'fake.png'), 'II*\x00\x08\x00\x00\x00');
    writeFileSync(path.join(root, 'text.jpg'), 'hello');
    const gif = await loadImage(path.join(root, 'fake.png'), 'fake.png');
    const text = await loadImage(path.join(root, 'text.jpg'), 'text.jpg');
    expect(gif.ok ? '' : gif.reason).toBe('Unsupported image format: fake.png is a TIFF');
    expect(text.ok ? '' : text.reason).toBe(
      'Unsupported image format: text.jpg is not a PNG, JPEG, GIF, WebP or SVG file',
    );
  });
});

describe('readSource', () => {
  test('invalid UTF-8 is an error at its line and column', async () => {
    const root = tempDir();
    const file = path.join(root, 'bad.md');
    writeFileSync(file, Buffer.concat([Buffer.from('line one\nab'), Buffer.from([0xe9]), Buffer.from('t\n')]));
    const source = await readSource(file);
    expect(source.messages.map((m) => [m.line, m.column, m.fatal, m.ruleId])).toEqual([[2, 3, true, 'text-encoding']]);
  });

  test('UTF-16 is named as such', async () => {
    const root = tempDir();
    const file = path.join(root, 'wide.md');
    writeFileSync(file, Buffer.from('\ufeffhi', 'utf16le'));
    const source = await readSource(file);
    expect(source.messages[0]?.reason).toBe('File is UTF-16, not UTF-8');
  });

  test('a UTF-8 byte order mark is dropped', async () => {
    const root = tempDir();
    const file = path.join(root, 'bom.md');
    writeFileSync(file, '\ufeff# Title\n');
    expect(String((await readSource(file)).value)).toBe('# Title\n');
  });
});

describe('damaged images', () => {
  const photo = path.join(import.meta.dirname, '../fixtures/images/images/photo.jpg');

  test.each([
    ['figure.png', figure, 200, /^Corrupt image: x: the IDAT chunk is cut off \(the file is truncated\)$/],
    ['figure.png', figure, 8 + 25, /^Corrupt image: x: it ends before its IEND chunk/],
    ['photo.jpg', photo, 2000, /^Corrupt image: x: it ends before its last marker/],
  ])('%s cut to %i bytes is refused', async (_name, source, length, reason) => {
    const root = tempDir();
    writeFileSync(path.join(root, 'x'), readFileSync(source).subarray(0, length));
    const loaded = await loadImage(path.join(root, 'x'), 'x');
    expect(loaded.ok ? '' : loaded.reason).toMatch(reason);
  });

  test('a flipped byte in a PNG chunk is caught by its checksum', async () => {
    const root = tempDir();
    const bytes = readFileSync(figure);
    bytes[300] = (bytes[300] ?? 0) ^ 0xff;
    writeFileSync(path.join(root, 'x'), bytes);
    const loaded = await loadImage(path.join(root, 'x'), 'x');
    expect(loaded.ok ? '' : loaded.reason).toMatch(/^Corrupt image: x: the \w+ chunk is damaged$/);
  });

  test('whole files pass', async () => {
    expect((await loadImage(figure, 'figure.png')).ok).toBe(true);
    expect((await loadImage(photo, 'photo.jpg')).ok).toBe(true);
  });
});

test('an empty image file is named as empty', async () => {
  const root = tempDir();
  writeFileSync(path.join(root, 'x.png'), '');
  const loaded = await loadImage(path.join(root, 'x.png'), 'x.png');
  expect(loaded.ok ? '' : loaded.reason).toBe('Image is empty: x.png (0 bytes)');
});
