import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

/** What `sectionedBook` writes. */
export interface SectionedBookOptions {
  /** The chapters' names; each opens with `# Name`. Default One to Four. */
  chapters?: string[];
  /** How many `##` sections chapter `index` has. Default 4. */
  sections?: (index: number) => number;
  /** Give every even section a `###` subsection and a `####` heading under it. Default false. */
  subsections?: boolean;
  /** More lines for book.yaml. */
  yaml?: string;
}

/**
 * A book of chapters in sections long enough that headings fall on many different
 * pages: paragraphs of a repeated sentence, a list closing each section.
 */
export function sectionedBook(options: SectionedBookOptions = {}): string {
  const { chapters: names = ['One', 'Two', 'Three', 'Four'], sections = () => 4, subsections = false } = options;
  const dir = path.join(tempDir(), 'pages');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Pages\nlang: en\ndate: 2026-01-05\n${options.yaml ?? ''}chapters:\n${names.map((n) => `  - ${n.toLowerCase()}.md`).join('\n')}\n`,
  );
  const sentence = 'The basin’s water has been shared out differently every year for a decade now. ';
  names.forEach((name, c) => {
    const parts = Array.from({ length: sections(c) }, (_, i) => {
      const s = i + 1;
      const paragraphs = Array.from({ length: 2 + ((c + s) % 4) }, () => sentence.repeat(5 + s)).join('\n\n');
      const sub =
        subsections && s % 2 === 0
          ? `\n\n### ${name} ${s}.1\n\n${sentence.repeat(4)}\n\n#### ${name} ${s}.1.1\n\n${sentence}`
          : '';
      return `## ${name} ${s}\n\n${paragraphs}\n\n- a point\n- another point${sub}`;
    });
    writeFileSync(path.join(dir, `${name.toLowerCase()}.md`), `# ${name}\n\n${parts.join('\n\n')}\n`);
  });
  return dir;
}

/** A fixed pseudo-random walk from `seed`: each call gives a whole number below `n`, the same run after run. */
export function pseudoRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}
