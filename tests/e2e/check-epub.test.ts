/**
 * `checkEpub` (EPUBCheck's rules in TypeScript) against the Java EPUBCheck: the same
 * verdict on Octavo's own EPUB, and the same message ids on EPUBs broken on purpose.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, expect, test } from 'vitest';
import type { VFile } from 'vfile';
import { build } from '../../src/core/build.js';
import { checkEpub } from '../../src/core/check-epub.js';
import { formatMessages } from '../../src/core/report.js';
import { manuscriptDir, tempDir } from '../helpers/books.js';
import { epubcheck } from '../helpers/tools.js';

let valid = '';

beforeAll(async () => {
  const result = await build({ input: manuscriptDir, outDir: tempDir(), formats: ['epub'], sourceDateEpoch: '0' });
  valid = result.outputs[0]?.path ?? '';
});

/** A copy of the valid EPUB with one entry rewritten. */
async function broken(name: string, entry: string, edit: (text: string) => string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(valid));
  const text = await zip.file(entry)?.async('string');
  if (text === undefined) throw new Error(`${entry} is not in the EPUB`);
  const changed = edit(text);
  expect(changed).not.toBe(text);
  zip.file(entry, changed);
  const file = path.join(tempDir(), name);
  // The mimetype entry stays first and stored, as the valid EPUB has it.
  writeFileSync(file, await zip.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip' }));
  return file;
}

/** `severity id entry` of each message of checkEpub, sorted. */
function ours(file: string, files: VFile[]): string[] {
  return files
    .flatMap((vfile) =>
      vfile.messages.map((m) => {
        expect(m.ruleId).toBe('epub-invalid');
        const entry = path.relative(file, vfile.path) || '.';
        return `${m.fatal ? 'error' : 'warning'} ${/^[A-Z]+-\d+[a-z]?/.exec(m.reason)?.[0]} ${entry}`;
      }),
    )
    .sort();
}

/** The same from the Java EPUBCheck's output (its fatal errors are errors here). */
function java(file: string): string[] {
  const lines = epubcheck(file).output.split('\n');
  return lines
    .flatMap((line) => {
      const match = /^(FATAL|ERROR|WARNING)\(([A-Z]+-\d+[a-z]?)\): (.*?)(?:\(-?\d+,-?\d+\))?: /.exec(line);
      if (!match) return [];
      const entry = path.relative(file, match[3] ?? '') || '.';
      return [`${match[1] === 'WARNING' ? 'warning' : 'error'} ${match[2]} ${entry}`];
    })
    .sort();
}

test('the EPUB Octavo builds passes, with no message', async () => {
  const result = await checkEpub(valid);
  expect(formatMessages(result.files)).toEqual([]);
  expect(result.ok).toBe(true);
});

test('a chapter that names a missing image and a missing id: the errors Java EPUBCheck reports', async () => {
  const file = await broken('chapter.epub', 'OEBPS/ch01.xhtml', (xhtml) =>
    xhtml.replace('</p>', ' <a href="#nowhere">here</a></p>\n<p><img src="images/missing.png" alt="A map"/></p>'),
  );
  const result = await checkEpub(file);
  expect(result.ok).toBe(false);
  expect(ours(file, result.files)).toEqual(['error RSC-007 OEBPS/ch01.xhtml', 'error RSC-012 OEBPS/ch01.xhtml']);
  expect(ours(file, result.files)).toEqual(java(file));
  // Printed at the entry inside the EPUB and the line, with the id first.
  const lines = formatMessages(result.files, path.dirname(file));
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^chapter\.epub\/OEBPS\/ch01\.xhtml:11:\d+: error: RSC-007: .*missing\.png.* \[epub-invalid\]$/,
    ),
  );
  expect(lines.filter((line) => line.startsWith('  hint: '))).toHaveLength(2);
});

test('a package document that lists a file the EPUB lacks: the error id Java EPUBCheck reports', async () => {
  const file = await broken('opf.epub', 'OEBPS/content.opf', (opf) =>
    opf.replace('</manifest>', '<item id="extra" href="extra.xhtml" media-type="application/xhtml+xml"/></manifest>'),
  );
  const result = await checkEpub(file);
  expect(result.ok).toBe(false);
  // Java puts this message on the EPUB as a whole, the port on the package document: compare the ids.
  const ids = (list: string[]): string[] => list.map((line) => line.split(' ').slice(0, 2).join(' '));
  expect(ids(ours(file, result.files))).toEqual(['error RSC-001']);
  expect(ids(ours(file, result.files))).toEqual(ids(java(file)));
});

test('a date EPUBCheck only warns about is a warning, and the EPUB stays ok', async () => {
  const file = await broken('date.epub', 'OEBPS/content.opf', (opf) =>
    opf.replace(/<dc:date>[^<]*/, '<dc:date>5 January 2026'),
  );
  const result = await checkEpub(file);
  expect(result.ok).toBe(true);
  expect(ours(file, result.files)).toEqual(['warning OPF-053 OEBPS/content.opf']);
  expect(ours(file, result.files)).toEqual(java(file));
});

test('a file that is not there, or not an EPUB', async () => {
  const missing = await checkEpub(path.join(tempDir(), 'nothing.epub'));
  expect(missing.ok).toBe(false);
  expect(missing.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(['input-missing']);
  const text = path.join(tempDir(), 'text.epub');
  writeFileSync(text, 'not a zip');
  const garbage = await checkEpub(text);
  expect(garbage.ok).toBe(false);
  expect(formatMessages(garbage.files, path.dirname(text))).toEqual([
    expect.stringMatching(/^text\.epub: error: PKG-\d+: .* \[epub-invalid\]$/),
    expect.stringMatching(/^ {2}hint: /),
  ]);
});
