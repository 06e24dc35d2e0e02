import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
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
