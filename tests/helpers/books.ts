import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const manuscriptDir = path.join(repoRoot, 'manuscript');

/** A fresh temporary folder. */
export function tempDir(prefix = 'octavo-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A copy of the shipped manuscript to change freely. */
export function copyManuscript(): string {
  const dir = path.join(tempDir(), 'book');
  cpSync(manuscriptDir, dir, { recursive: true });
  return dir;
}

/** The article's paragraphs and subheads as written, in order. */
export function manuscriptBlocks(): string[] {
  const source = readFileSync(path.join(manuscriptDir, 'article.md'), 'utf8');
  return source
    .split(/\n{2,}/)
    .map((block) => block.replace(/^#+\s+/, '').trim())
    .filter(Boolean);
}

/** sha256 of every file in a folder, by name. */
export function folderHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}
