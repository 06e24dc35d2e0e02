import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { loadBook, type LoadResult } from '../../src/index.js';
import { forgetParses, parseCounts } from '../../src/core/parse-cache.js';
import { repoRoot, tempDir } from '../helpers/books.js';

const images = path.join(repoRoot, 'tests/fixtures/images/images');

/**
 * Four chapters that share what one chapter's parse can hand the next: heading ids
 * from one slugger ("Results" in two chapters), an image read by the first chapter
 * that shows it, and messages (an image without its description).
 */
function book(): string {
  const dir = tempDir();
  copyFileSync(path.join(images, 'photo.jpg'), path.join(dir, 'photo.jpg'));
  writeFileSync(
    path.join(dir, 'book.yaml'),
    'title: Kept\nauthor: Octavo\nlang: en\nchapters:\n  - one.md\n  - two.md\n  - three.md\n  - four.md\n',
  );
  writeFileSync(path.join(dir, 'one.md'), '# One\n\n## Results\n\nThe "first" -- and the photo:\n\n![](photo.jpg)\n');
  writeFileSync(path.join(dir, 'two.md'), '# Two\n\n## Results\n\nSee [the results](#results).\n');
  writeFileSync(path.join(dir, 'three.md'), '# Three\n\n![The steps](photo.jpg)\n');
  writeFileSync(path.join(dir, 'four.md'), "# Four\n\nIt's the end.\n");
  return dir;
}

/** What a load gives the writers and the report, as plain data. */
function seen({ book, files }: LoadResult) {
  return {
    trees: book?.chapters.map((chapter) => JSON.stringify(chapter.tree)),
    titles: book?.chapters.map((chapter) => chapter.title),
    assets: [...(book?.assets ?? [])].map(([key, asset]) => [key, asset.bytes.byteLength, asset.width]),
    targets: JSON.stringify([...(book?.targets.ids ?? [])]),
    messages: files.map((file) =>
      file.messages.map((m) => `${file.path}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`),
    ),
  };
}

/** A load that keeps its parses, and how many chapters it parsed and reused. */
async function kept(dir: string) {
  parseCounts.parsed = 0;
  parseCounts.reused = 0;
  const load = seen(await loadBook(dir, { incremental: true }));
  return { load, counts: [parseCounts.parsed, parseCounts.reused] };
}

/** The same load from nothing kept. */
const fresh = async (dir: string) => seen(await loadBook(dir));

const edit = (file: string, from: string | RegExp, to: string): void =>
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

beforeEach(() => forgetParses());

describe('a load that keeps its parses (octavo watch) re-parses only what changed', () => {
  test('an unchanged book, then a one-word edit: one chapter parsed, the load the same as from nothing', async () => {
    const dir = book();
    const first = await kept(dir);
    expect(first.counts).toEqual([4, 0]);
    // The warning for the image without a description is given once, by the kept parse too.
    expect(first.load.messages.flat().filter((m) => m.includes('image-alt'))).toHaveLength(1);

    const again = await kept(dir);
    expect(again.counts).toEqual([0, 4]);
    expect(again.load).toEqual(first.load);

    edit(path.join(dir, 'three.md'), 'steps', 'stairs');
    const edited = await kept(dir);
    expect(edited.counts).toEqual([1, 3]);
    expect(edited.load).toEqual(await fresh(dir));
    expect(edited.load.trees?.[2]).toContain('stairs');
  });

  test('a heading that takes an id a later chapter had: the chapters after it get their ids anew', async () => {
    const dir = book();
    await kept(dir);
    edit(path.join(dir, 'one.md'), '## Results', '## Results\n\n## Results');
    const edited = await kept(dir);
    // Every chapter after the edit asks the slugger after different headings: none is reused.
    expect(edited.counts).toEqual([4, 0]);
    expect(edited.load).toEqual(await fresh(dir));
    expect(edited.load.trees?.[1]).toContain('"id":"results-2"');
  });

  test('an image file that changed, or that another chapter now reads first, is read again', async () => {
    const dir = book();
    await kept(dir);
    const before = await fresh(dir);

    // Another picture under the same name: the chapter that read it is parsed again, the others kept.
    copyFileSync(path.join(images, 'figure.png'), path.join(dir, 'photo.jpg'));
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(dir, 'photo.jpg'), later, later);
    const swapped = await kept(dir);
    expect(swapped.counts).toEqual([1, 3]);
    expect(swapped.load.assets).not.toEqual(before.assets);
    expect(swapped.load).toEqual(await fresh(dir));

    // The first chapter stops showing it: the third reads it first now, and reports what the first did.
    edit(path.join(dir, 'one.md'), '![](photo.jpg)', 'No photo.');
    const moved = await kept(dir);
    expect(moved.counts).toEqual([2, 2]);
    expect(moved.load).toEqual(await fresh(dir));
  });

  test('a chapter with an error is parsed again: the missing image may be there next time', async () => {
    const dir = book();
    edit(path.join(dir, 'four.md'), 'the end.', 'the end.\n\n![The map](map.png)');
    const broken = await kept(dir);
    expect(broken.load.messages.flat().some((m) => m.includes('image-missing'))).toBe(true);
    copyFileSync(path.join(images, 'figure.png'), path.join(dir, 'map.png'));
    const mended = await kept(dir);
    expect(mended.counts).toEqual([1, 3]);
    expect(mended.load.messages.flat().some((m) => m.includes('image-missing'))).toBe(false);
  });
});
