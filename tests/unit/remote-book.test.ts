import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { designFor } from '../../src/core/build.js';
import { loadBook } from '../../src/core/load-book.js';
import { formatMessages } from '../../src/core/report.js';
import { addressRefusal } from '../../src/resources/address-policy.js';
import type { RemoteOptions } from '../../src/resources/remote.js';
import { writeEpub } from '../../src/writers/epub/index.js';
import { writePdf } from '../../src/writers/pdf/index.js';
import { tempDir } from '../helpers/books.js';
import { readEpub } from '../helpers/epub.js';
import { imageServer, png, type ImageServer } from '../helpers/image-server.js';

let server: ImageServer;
beforeAll(async () => {
  server = await imageServer();
});
afterAll(() => server.close());

const remote: RemoteOptions = {
  refuseAddress: (address) => (address === '127.0.0.1' ? undefined : addressRefusal(address)),
};

function book(chapter: string, yaml = ''): string {
  const root = tempDir();
  writeFileSync(path.join(root, 'book.yaml'), `title: Remote\n${yaml}chapters:\n  - one.md\n`);
  writeFileSync(path.join(root, 'one.md'), chapter);
  return root;
}

describe('a book with image URLs, allowed to fetch from the test server', () => {
  test('each URL is fetched once, kept by its URL, and links are not fetched; the writers get its bytes', async () => {
    const url = `${server.origin}/x.png`;
    const root = book(`# One\n\n![A](${url})\n\n![Again](${url})\n\nSee [the page](${server.origin}/page.html).\n`);
    const before = server.requests.length;
    const { book: loaded, files } = await loadBook(root, { remote });
    expect(formatMessages(files, root)).toEqual([]);
    expect(server.requests.slice(before)).toEqual(['/x.png']);
    expect([...(loaded?.assets.keys() ?? [])]).toEqual([url]);

    // The writers get the bytes, as for a local image.
    const epub = await readEpub((await writeEpub(loaded!, { tokens: designFor(loaded!).tokens })).bytes);
    const image = epub.names.find((name) => /^OEBPS\/images\/img-001-x\.png$/.test(name));
    expect(image).toBeDefined();
    expect(Buffer.from(await epub.bytes(image!)).equals(png)).toBe(true);
    const pdf = await writePdf(loaded!, { tokens: designFor(loaded!).tokens });
    expect(Buffer.from(pdf.bytes).toString('latin1')).toContain('/Subtype /Image');
  });

  test('a failure is an error at the image, with the reason and a hint', async () => {
    const root = book(
      `# One\n\nText.\n\n  ![Gone](${server.origin}/nope.png)\n\n![Page](${server.origin}/page.html)\n`,
    );
    const { files } = await loadBook(root, { remote });
    expect(formatMessages(files, root)).toEqual([
      `one.md:5:3: error: Remote image not fetched: ${server.origin}/nope.png: the server answered HTTP 404 Not Found [image-remote]`,
      '  hint: check the address in a browser, or download the image into the book folder and link it by its relative path',
      `one.md:7:1: error: Unsupported image format: ${server.origin}/page.html is not a PNG, JPEG, GIF, WebP or SVG file (the server sent text/html) [image-unsupported]`,
      '  hint: link the image itself, not a page that shows it; or download the image into the book folder and link it by its relative path',
    ]);
  });

  test('a cover given by URL is fetched too', async () => {
    const root = book('# One\n\nText.\n', `cover: ${server.origin}/x.png\n`);
    const { book: loaded, files } = await loadBook(root, { remote });
    expect(formatMessages(files, root)).toEqual([]);
    expect(Buffer.from(loaded?.meta.cover?.bytes ?? []).equals(png)).toBe(true);
  });
});

describe('a book with image URLs, not allowed to fetch', () => {
  test('an image URL and a cover URL are errors, and nothing is fetched', async () => {
    const root = book(`# One\n\n![A](${server.origin}/x.png)\n`, `cover: ${server.origin}/x.png\n`);
    const before = server.connections;
    const { files } = await loadBook(root);
    expect(formatMessages(files, root)).toEqual([
      `book.yaml:2:8: error: Remote cover image not fetched: ${server.origin}/x.png [cover-invalid]`,
      '  hint: Octavo uses the network only when asked: download the cover into the book folder and use a relative path, or build with --allow-remote',
      `one.md:3:1: error: Remote image not fetched: ${server.origin}/x.png [image-remote]`,
      '  hint: Octavo uses the network only when asked: download the image into the book folder and link it by its relative path, or build with --allow-remote',
    ]);
    expect(server.connections).toBe(before);
  });
});
