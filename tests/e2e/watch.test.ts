import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/index.js';
import { epubGuesses } from '../../src/core/epub-guess.js';
import { copyManuscript, folderHashes, tempDir } from '../helpers/books.js';
import { startOctavo } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const pdfName = 'a-state-visit-and-a-selfie.pdf';

async function pdfWords(out: string): Promise<string> {
  const { pages } = await readPdf(new Uint8Array(readFileSync(path.join(out, pdfName))));
  return pages.join(' ');
}

describe('octavo watch', () => {
  test('rebuilds on save, keeps the outputs through a broken save, and stops cleanly on Ctrl-C', async () => {
    const book = copyManuscript();
    const out = path.join(tempDir(), 'out');
    const chapter = path.join(book, 'article.md');
    const source = readFileSync(chapter, 'utf8');
    const watching = startOctavo(['watch', book, '--out-dir', out, '--format', 'pdf']);

    await watching.stdoutHas('first build: built');
    expect(await pdfWords(out)).not.toContain('Quillwort');

    // One word changed, and the new PDF has it.
    writeFileSync(chapter, source.replace('selfie', 'Quillwort'));
    await watching.stdoutHas('article.md changed: built');
    expect(await pdfWords(out)).toContain('Quillwort');

    // A save that breaks the book: its message, a status line, and the last good PDF stays.
    const before = folderHashes(out);
    writeFileSync(chapter, Buffer.concat([Buffer.from(source.slice(0, 40)), Buffer.from([0xff]), Buffer.from('x\n')]));
    await watching.stdoutHas('article.md changed: failed;');
    expect(folderHashes(out)).toEqual(before);
    await watching.stderrHas('[text-encoding]');

    // Fixed again: rebuilt, in the same worker.
    writeFileSync(chapter, source);
    await watching.stdoutHas('article.md changed: built', 2);
    expect(await pdfWords(out)).not.toContain('Quillwort');

    watching.child.kill('SIGINT');
    const { code, stdout, stderr } = await watching.ended;
    expect(code).toBe(130);
    expect(stderr).toContain('octavo: stopped watching');
    expect(stderr).not.toMatch(/\n\s+at /);
    // One status line per build: the first, three saves.
    expect(stdout.trim().split('\n')).toHaveLength(4);
    for (const line of stdout.trim().split('\n')) expect(line).toMatch(/^\d\d:\d\d:\d\d .+ in \d+\.\d\d s/);
    expect(readdirSync(out)).toEqual([pdfName]);
  });

  test('--json is refused, and --help says what watch does', async () => {
    const refused = await startOctavo(['watch', '--json']).ended;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--json is for octavo build');
    const help = await startOctavo(['watch', '--help']).ended;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: octavo watch [input] [options]');
  });
});

describe('an incremental build (what octavo watch runs)', () => {
  test('the EPUB written while the PDF is laid out is the one a fresh build writes, pages moved or not', async () => {
    const book = copyManuscript();
    const chapter = path.join(book, 'article.md');
    const source = readFileSync(chapter, 'utf8');
    const [kept, fresh] = [path.join(tempDir(), 'kept'), path.join(tempDir(), 'fresh')];
    const both = async (): Promise<void> => {
      const again = await build({ input: book, outDir: kept, incremental: true, sourceDateEpoch: '0' });
      const anew = await build({ input: book, outDir: fresh, sourceDateEpoch: '0' });
      expect(again.ok && anew.ok).toBe(true);
      expect(again.files.map((file) => file.messages.map(String))).toEqual(
        anew.files.map((f) => f.messages.map(String)),
      );
      for (const name of readdirSync(fresh).filter((file) => file.endsWith('.epub'))) {
        expect(readFileSync(path.join(kept, name)).equals(readFileSync(path.join(fresh, name))), name).toBe(true);
      }
    };
    await both();
    const before = { ...epubGuesses };
    // One word: no page moves, and the EPUB written with the last pages is kept.
    writeFileSync(chapter, source.replace('selfie', 'Quillwort'));
    await both();
    expect(epubGuesses.kept - before.kept).toBe(1);
    // A paragraph more at the top: the pages move, and the EPUB is written again with them.
    writeFileSync(
      chapter,
      source.replace(/\n\n/, `\n\n${'A new opening paragraph, long enough to fill some lines. '.repeat(30)}\n\n`),
    );
    await both();
    expect(epubGuesses.dropped - before.dropped).toBe(1);
  }, 120_000);
});
