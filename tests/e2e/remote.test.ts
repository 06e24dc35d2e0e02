import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usage as buildUsage } from '../../src/commands/build.js';
import { usage as checkUsage } from '../../src/commands/check.js';
import { tempDir } from '../helpers/books.js';
import { octavoAsync } from '../helpers/cli.js';
import { imageServer, type ImageServer } from '../helpers/image-server.js';

let server: ImageServer;
beforeAll(async () => {
  server = await imageServer();
});
afterAll(() => server.close());

/** A book whose one image, and one link, are on the local test server. */
function book(): string {
  const root = tempDir();
  writeFileSync(path.join(root, 'book.yaml'), 'title: Remote\nchapters:\n  - one.md\n');
  writeFileSync(
    path.join(root, 'one.md'),
    `# One\n\nSee [the page](${server.origin}/page.html).\n\n![A picture](${server.origin}/x.png)\n`,
  );
  return root;
}

describe('image URLs on the command line', () => {
  test('without --allow-remote an image URL is an error, and nothing reaches the server', async () => {
    const root = book();
    for (const command of [['build', '--out-dir', 'dist'], ['check']]) {
      const run = await octavoAsync([...command, '.'], root);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toContain(
        `one.md:5:1: error: Remote image not fetched: ${server.origin}/x.png [image-remote]\n` +
          '  hint: Octavo uses the network only when asked: download the image into the book folder and link it by its relative path, or build with --allow-remote\n',
      );
    }
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(server.connections).toBe(0);
  });

  test('with --allow-remote a loopback address is refused, before any connection', async () => {
    const root = book();
    for (const command of [['build', '--out-dir', 'dist'], ['check']]) {
      const run = await octavoAsync([...command, '.', '--allow-remote'], root);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toContain(
        `one.md:5:1: error: Remote image refused: ${server.origin}/x.png: 127.0.0.1 is a loopback address [image-remote]\n` +
          '  hint: Octavo fetches only from public internet addresses, so that a book cannot reach this machine or its network; download the image into the book folder and link it by its relative path\n',
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(server.connections).toBe(0);
  });

  test('--allow-remote is in both commands’ help', () => {
    for (const usage of [buildUsage, checkUsage]) expect(usage).toMatch(/^ {6}--allow-remote {4}\S/m);
  });
});
