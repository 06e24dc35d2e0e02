import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { VFile } from 'vfile';
import { build } from '../../src/core/build.js';
import { checkBook } from '../../src/core/check.js';
import { formatMessages } from '../../src/core/report.js';
import { manuscriptDir, tempDir } from '../helpers/books.js';

const plantedBook = path.join(import.meta.dirname, '../fixtures/check-book');

/** Each message as `file:line:col rule-id`, in the order of the files and lines; each must carry a hint. */
function places(files: VFile[], root: string): string[] {
  return files.flatMap((file) =>
    [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((m) => {
        expect(m.note, `${m.reason} has a hint`).toBeTruthy();
        return `${path.relative(root, file.path)}:${m.line}:${m.column} ${m.ruleId}`;
      }),
  );
}

async function checkText(name: string, body: string, extra: Record<string, string> = {}): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'book.yaml'), `title: T\nchapters: [${[name, ...Object.keys(extra)].join(', ')}]\n`);
  writeFileSync(path.join(dir, name), body);
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
  const { files } = await checkBook(dir);
  return formatMessages(files, dir).filter((line) => !line.startsWith('  '));
}

test('every planted problem is reported at its place with its rule, and nothing else', async () => {
  const result = await checkBook(plantedBook);
  expect(result.ok).toBe(false); // the missing image is an error
  expect(places(result.files, plantedBook)).toEqual([
    'one.md:7:1 heading-skip',
    'one.md:9:27 link-broken',
    'one.md:11:1 image-alt-missing',
    'one.md:13:1 image-low-resolution',
    'one.md:15:1 image-missing',
    'one.md:17:10 glyph-missing',
    'one.md:19:6 html-raw',
    'one.md:21:40 footnote-undefined',
    'one.md:25:1 footnote-unused',
    'two.md:5:1 paragraph-long',
    'two.md:7:1 heading-duplicate',
  ]);
});

test('the shipped manuscript passes, even under strict', async () => {
  const result = await checkBook(manuscriptDir, { strict: true });
  expect(formatMessages(result.files)).toEqual([]);
  expect(result.ok).toBe(true);
});

test('warnings fail a check only under strict; a missing book fails it', async () => {
  const dir = tempDir();
  cpSync(plantedBook, dir, { recursive: true });
  const one = path.join(dir, 'one.md');
  writeFileSync(one, readFileSync(one, 'utf8').replace('![A lost map](images/lost.png)', 'A map.'));
  expect((await checkBook(dir)).ok).toBe(true);
  expect((await checkBook(dir, { strict: true })).ok).toBe(false);
  const missing = await checkBook(path.join(dir, 'nothing-here'));
  expect(missing.ok).toBe(false);
  expect(missing.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(['input-missing']);
});

test('a check reports what a build of both formats warns about', async () => {
  const dir = tempDir();
  cpSync(plantedBook, dir, { recursive: true });
  const one = path.join(dir, 'one.md');
  writeFileSync(one, readFileSync(one, 'utf8').replace('![A lost map](images/lost.png)', 'A map.'));
  const checked = await checkBook(dir);
  const built = await build({ input: dir, outDir: tempDir(), sourceDateEpoch: '0' });
  expect(built.ok).toBe(true);
  expect(formatMessages(built.files, dir)).toEqual(formatMessages(checked.files, dir));
  expect(places(checked.files, dir)).toHaveLength(10);
});

test('an undefined footnote is found in the source, past smart punctuation; an escaped one is text', async () => {
  expect(await checkText('a.md', '"Quoted" -- and...[^x] then \\[^y] and `[^z]`.\n')).toEqual([
    'a.md:1:19: warning: Footnote [^x] is not defined in this chapter; its brackets are printed as text [footnote-undefined]',
  ]);
});

test('footnotes belong to their chapter', async () => {
  const messages = await checkText('a.md', 'Text.\n\n[^n]: A note.\n', { 'b.md': 'A call.[^n]\n' });
  expect(messages.map((line) => /^(\S+): .*\[(.+)\]$/.exec(line)?.slice(1).join(' '))).toEqual([
    'a.md:3:1 footnote-unused',
    'b.md:1:8 footnote-undefined',
  ]);
});

test('a heading that repeats one of its chapter names it; the same heading in another chapter is fine', async () => {
  const messages = await checkText('a.md', '# Notes\n\n## Notes\n', { 'b.md': '# Notes\n\n## Notes\n' });
  expect(messages).toEqual([
    "a.md:3:1: warning: Heading repeats the one at line 1; its id is #notes-1, the first one's #notes [heading-duplicate]",
    "b.md:3:1: warning: Heading repeats the one at line 1; its id is #notes-3, the first one's #notes-2 [heading-duplicate]",
  ]);
});

test('headings may open at any level and climb back, but not skip one going down', async () => {
  const messages = await checkText('a.md', '### Start\n\n#### Down\n\n# Up\n\n### Skip\n');
  expect(messages).toEqual(['a.md:7:1: warning: Heading level skips from # to ### [heading-skip]']);
});

test('long paragraphs are counted in words, as the language splits them', async () => {
  expect(await checkText('a.md', `${'word '.repeat(250)}\n`)).toEqual([]);
  expect(await checkText('a.md', `Intro.\n\n${'word '.repeat(251)}\n`)).toEqual([
    'a.md:3:1: warning: Paragraph of 251 words; over 250, readers lose their place [paragraph-long]',
  ]);
  // Chinese has no spaces: one "word" by white space, about ten a sentence by the segmenter.
  const chinese = '我们今天在北京参加了一个很重要的会议。'.repeat(30);
  const messages = await checkText('a.md', `${chinese}\n`);
  const long = messages.filter((line) => line.endsWith('[paragraph-long]'));
  expect(long).toEqual([expect.stringMatching(/^a\.md:1:1: warning: Paragraph of \d+ words/)]);
  expect(Number(/of (\d+) words/.exec(long[0] ?? '')?.[1])).toBeGreaterThan(250);
});

test('an image inside text is checked for its placement, not its resolution; alt text is never made up', async () => {
  const dir = tempDir();
  cpSync(path.join(plantedBook, 'images'), path.join(dir, 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: T\n');
  writeFileSync(
    path.join(dir, 'a.md'),
    '*An ![icon](images/small.png) in emphasis.*\n\n[![](images/wide.png)](https://example.com)\n',
  );
  const { files } = await checkBook(dir);
  expect(places(files, dir)).toEqual(['a.md:1:5 image-inline', 'a.md:3:2 image-alt-missing']);
});
