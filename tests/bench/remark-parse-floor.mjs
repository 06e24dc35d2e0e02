// The EPUB's floor: a fresh Node process that only loads remark-parse (alone, and
// with remark-gfm, which tables and footnotes need) and parses the bench's 400-page
// book (200 chapters of the article), writing nothing, against pandoc turning the
// same text into an EPUB. Every Octavo build parses so, so no EPUB build can take
// less than this.
// Usage: node tests/bench/remark-parse-floor.mjs [chapters]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const chapters = Number(process.argv[2] ?? 200);
const repo = new URL('../..', import.meta.url).pathname;
const article = readFileSync(path.join(repo, 'manuscript/article.md'), 'utf8');
const texts = Array.from({ length: chapters }, (_, i) => article.replace(/^# .*$/m, `# Chapter ${i + 1}`).trimEnd());

if (process.argv[3] === '--parse') {
  // The child: load the parser, parse every chapter, and say when it was done.
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const parser = unified().use(remarkParse);
  if (process.argv[4] === 'gfm') parser.use((await import('remark-gfm')).default);
  let nodes = 0;
  for (const text of texts) nodes += parser.parse(text).children.length;
  console.log(JSON.stringify({ nodes }));
} else {
  const wall = (command, args) => {
    const started = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
    return performance.now() - started;
  };
  const best = (times) => Math.round(Math.min(...times));
  const parse = (...gfm) =>
    best([1, 2, 3].map(() => wall(process.execPath, [new URL(import.meta.url).pathname, String(chapters), '--parse', ...gfm])));
  const node = parse();
  const result = { chapters, parseOnlyMs: node, withGfmMs: parse('gfm') };
  if (spawnSync('sh', ['-c', 'command -v pandoc']).status === 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-floor-'));
    writeFileSync(path.join(dir, 'whole.md'), `---\ntitle: Floor\n---\n\n${texts.join('\n\n')}\n`);
    const pandoc = best([1, 2, 3].map(() => wall('pandoc', [path.join(dir, 'whole.md'), '-o', path.join(dir, 'out.epub')])));
    rmSync(dir, { recursive: true, force: true });
    const ratio = (ms) => +(ms / pandoc).toFixed(2);
    Object.assign(result, { pandocEpubMs: pandoc, ratio: ratio(node), withGfmRatio: ratio(result.withGfmMs), target: 0.3 });
  }
  console.log(JSON.stringify(result));
}
