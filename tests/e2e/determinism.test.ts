import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../../src/core/build.js';
import { readPdf } from '../helpers/pdf.js';
import { folderHashes, manuscriptBlocks, manuscriptDir, repoRoot, tempDir } from '../helpers/books.js';

test('two builds of the manuscript are byte-identical, in any time zone', async () => {
  const first = tempDir();
  const second = tempDir();
  expect((await build({ input: manuscriptDir, outDir: first, sourceDateEpoch: '' })).ok).toBe(true);
  expect((await build({ input: manuscriptDir, outDir: second, sourceDateEpoch: '' })).ok).toBe(true);
  const hashes = folderHashes(first);
  expect(Object.keys(hashes)).toEqual(['a-state-visit-and-a-selfie.epub', 'a-state-visit-and-a-selfie.pdf']);
  expect(folderHashes(second)).toEqual(hashes);

  // Another process, another zone and locale: a date read as local time would show here.
  const third = tempDir();
  const run = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'src/bin.js'), 'build', manuscriptDir, '-o', third, '-q'],
    {
      env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', SOURCE_DATE_EPOCH: '' },
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(folderHashes(third)).toEqual(hashes);
});

test('SOURCE_DATE_EPOCH sets the dates, and only the dates', async () => {
  const plain = tempDir();
  const dated = tempDir();
  await build({ input: manuscriptDir, outDir: plain, formats: ['pdf'], sourceDateEpoch: '' });
  await build({ input: manuscriptDir, outDir: dated, formats: ['pdf'], sourceDateEpoch: '1700000000' });
  const { info } = await readPdf(readFileSync(path.join(dated, 'a-state-visit-and-a-selfie.pdf')));
  expect(info.CreationDate).toMatch(/^D:20231114221320Z/);
  expect(folderHashes(plain)).not.toEqual(folderHashes(dated));
});

// The shipped book is the article in shared/seed, word for word: only Markdown marks (`## `) were added.
const seedDir = path.join(repoRoot, '../shared/seed');
test.runIf(existsSync(seedDir))('the manuscript keeps the seed article’s words exactly', async () => {
  const { readdirSync } = await import('node:fs');
  const seed = readdirSync(seedDir).map((name) => readFileSync(path.join(seedDir, name), 'utf8'))[0] ?? '';
  expect(manuscriptBlocks()).toEqual(seed.split('\n').filter(Boolean));
});

test('a book with no date and no SOURCE_DATE_EPOCH never carries the time of the build', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'book.md'), '---\ntitle: Undated\n---\n\nText.\n');
  const result = await build({ input: path.join(dir, 'book.md'), outDir: dir, sourceDateEpoch: '' });
  expect(result.ok).toBe(true);
  const { info } = await readPdf(readFileSync(path.join(dir, 'undated.pdf')));
  expect(info.CreationDate).toMatch(/^D:19700101000000Z/);
  const first = folderHashes(dir);
  await build({ input: path.join(dir, 'book.md'), outDir: dir, sourceDateEpoch: '' });
  expect(folderHashes(dir)).toEqual(first);
});
