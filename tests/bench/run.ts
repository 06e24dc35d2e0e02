/**
 * `npm run bench`: how fast Octavo builds books of about 20, 100, 400 and 800
 * pages (the shipped article repeated as chapters) and a mixed book (tables,
 * code, images, footnotes), PDF and EPUB separately, each in a fresh process
 * (cold start included) so that wall time and peak memory are the user's. When
 * `pandoc` and `weasyprint` are on PATH, the same books go through them in the
 * same run, and the table gives Octavo's time as a share of theirs.
 *
 *   npm run bench                 the table
 *   npm run bench -- --json       one JSON document
 *   npm run bench -- --sizes 20,100 --runs 3
 *
 * Not part of `npm test`: speed is measured here, never asserted in tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const article = readFileSync(path.join(repo, 'manuscript/article.md'), 'utf8');
/** The shipped article sets about two A4 pages. */
const pagesPerChapter = 2;

interface Args {
  json: boolean;
  sizes: number[];
  runs: number;
  mixed: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, sizes: [20, 100, 400, 800], runs: 1, mixed: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--sizes') args.sizes = (argv[++i] ?? '').split(',').map(Number).filter(Boolean);
    else if (arg === '--runs') args.runs = Math.max(1, Number(argv[++i]) || 1);
    else if (arg === '--no-mixed') args.mixed = false;
    else throw new Error(`unknown option ${arg} (use --json, --sizes 20,100, --runs N, --no-mixed)`);
  }
  return args;
}

/** A book folder of `chapters` copies of the article; `mixed` adds a table, code, an image and footnotes to each. */
function makeBook(root: string, chapters: number, mixed: boolean): string {
  const dir = path.join(root, `${mixed ? 'mixed' : 'plain'}-${chapters}`);
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: chapters }, (_, i) => `ch${String(i + 1).padStart(3, '0')}.md`);
  writeFileSync(
    path.join(dir, 'book.yaml'),
    `title: Bench ${chapters}\nauthor: Octavo\nlang: en\ndate: 2026-01-05\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n`,
  );
  if (mixed) copyFileSync(path.join(repo, 'tests/fixtures/images/images/photo.jpg'), path.join(dir, 'photo.jpg'));
  const extra = (i: number): string =>
    mixed
      ? `\n\nThe figures for the year.[^n${i}]\n\n| Year | Visits | Selfies |\n|---:|---:|---:|\n| 2024 | ${i} | 1 |\n| 2025 | ${i + 1} | 2 |\n\n![The palace steps](photo.jpg)\n\n\`\`\`ts\nconst phone = gift('Xiaomi');\nphone.selfie({ with: ['Lee', 'Xi'] });\n\`\`\`\n\n[^n${i}]: A note for chapter ${i + 1}.\n`
      : '';
  names.forEach((name, i) => {
    // Each chapter gets its own heading so ids and the outline are like a real book's.
    const body = article.replace(/^# .*$/m, `# Chapter ${i + 1}`);
    writeFileSync(path.join(dir, name), `${body.trimEnd()}${extra(i)}\n`);
  });
  // The same book as one Markdown file, for pandoc.
  const whole = names.map((name) => readFileSync(path.join(dir, name), 'utf8')).join('\n\n');
  writeFileSync(path.join(dir, 'whole.md'), `---\ntitle: Bench ${chapters}\n---\n\n${whole}`);
  return dir;
}

interface Run {
  ms: number;
  /** Peak resident memory in MB, from the child's own rusage. */
  rssMb: number;
  pages?: number;
}

/** Wall time and peak RSS of a command, from GNU time's report. */
function timed(command: string, args: string[], cwd: string): Run {
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const rssKb = Number(run.stderr.trim().split('\n').at(-1));
  return { ms, rssMb: rssKb / 1024 };
}

function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** The shipped manuscript from a cold start, and rebuilds under `octavo watch`. */
interface Extras {
  /** `octavo build manuscript` (PDF and EPUB), a fresh process. */
  coldMs: number;
  /** A one-word edit to the first chapter → new PDF and EPUB, from the save to the status line. */
  watch: { book: string; ms: number }[];
}

interface Row {
  book: string;
  chapters: number;
  pages: number;
  pdf: Run & { msPerPage: number };
  epub: Run;
  pandocWeasyprint?: Run;
  pandocEpub?: Run;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!has('/usr/bin/time')) throw new Error('the benchmark needs GNU time (apt-get install time) for peak memory');
  const root = mkdtempSync(path.join(tmpdir(), 'octavo-bench-'));
  const withPandoc = has('pandoc');
  const withWeasy = withPandoc && has('weasyprint');
  const books = [
    ...args.sizes.map((pages) => ({
      name: `${pages} pages`,
      chapters: Math.max(1, pages / pagesPerChapter),
      mixed: false,
    })),
    ...(args.mixed ? [{ name: 'mixed', chapters: 100, mixed: true }] : []),
  ];
  const rows: Row[] = [];
  try {
    for (const spec of books) {
      const dir = makeBook(root, spec.chapters, spec.mixed);
      const out = path.join(root, 'out');
      const repeat = (fn: () => Run): Run => best(Array.from({ length: args.runs }, fn));
      const pdf = repeat(() => octavoRun(dir, 'pdf', out));
      const epub = repeat(() => octavoRun(dir, 'epub', out));
      const row: Row = {
        book: spec.name,
        chapters: spec.chapters,
        pages: pdf.pages ?? 0,
        pdf: { ...pdf, msPerPage: pdf.ms / Math.max(1, pdf.pages ?? 1) },
        epub,
      };
      if (withWeasy) {
        row.pandocWeasyprint = repeat(() => {
          const html = timed('pandoc', ['whole.md', '-s', '-o', 'whole.html'], dir);
          const pdfRun = timed('weasyprint', ['whole.html', 'whole.pdf'], dir);
          return { ms: html.ms + pdfRun.ms, rssMb: Math.max(html.rssMb, pdfRun.rssMb) };
        });
      }
      if (withPandoc) row.pandocEpub = repeat(() => timed('pandoc', ['whole.md', '-o', 'whole.epub'], dir));
      rows.push(row);
      if (!args.json) printRow(row, rows.length === 1);
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const extras = await measureExtras(root, args);
  const targets = checkTargets(rows, extras);
  if (args.json) {
    console.log(JSON.stringify({ machine: machine(), rows, ...extras, targets }, null, 2));
    return;
  }
  console.log('');
  console.log(`shipped manuscript, PDF + EPUB, cold start: ${f(extras.coldMs / 1000, 2)} s`);
  for (const w of extras.watch) console.log(`watch, one word changed in ${w.book}: ${f(w.ms / 1000, 2)} s`);
  console.log('');
  for (const t of targets)
    console.log(`${t.met ? 'met    ' : t.met === false ? 'MISSED ' : 'n/a    '} ${t.target}: ${t.value}`);
  if (!withPandoc) console.log('\n(pandoc not on PATH: no comparison; apt-get install pandoc weasyprint)');
}

/** The cold start and the watch rebuilds (the shipped manuscript, and the 400-page book when it is in the run). */
async function measureExtras(root: string, args: Args): Promise<Extras> {
  try {
    const out = path.join(root, 'out');
    const cold = best(
      Array.from({ length: args.runs }, () => {
        rmSync(out, { recursive: true, force: true });
        return timed(process.execPath, [path.join(repo, 'src/bin.js'), 'build', 'manuscript', '-o', out, '-q'], repo);
      }),
    );
    const manuscript = path.join(root, 'manuscript');
    mkdirSync(manuscript);
    for (const name of ['book.yaml', 'article.md']) {
      copyFileSync(path.join(repo, 'manuscript', name), path.join(manuscript, name));
    }
    const watch = [{ book: 'the shipped manuscript', ms: await watchRebuild(manuscript, 'article.md', out) }];
    if (args.sizes.includes(400)) {
      const dir = makeBook(root, 400 / pagesPerChapter, false);
      watch.push({ book: 'the 400-page book', ms: await watchRebuild(dir, 'ch001.md', out) });
    }
    return { coldMs: cold.ms, watch };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Start `octavo watch` on a book, wait for its first build, change one word of
 * `chapter` and time from the save to the status line of the rebuild. The best
 * of three edits: the first rebuild after the start still warms up.
 */
async function watchRebuild(book: string, chapter: string, out: string): Promise<number> {
  const child = spawn(process.execPath, [path.join(repo, 'src/bin.js'), 'watch', book, '-o', out], { cwd: repo });
  let stdout = '';
  let stderr = '';
  let waiting: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    waiting?.();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = (): number => stdout.split('\n').filter((line) => / built /.test(line)).length;
  const until = (count: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch did not rebuild:\n${stdout}\n${stderr}`)), 600_000);
      const check = (): void => {
        if (lines() < count) return;
        clearTimeout(timer);
        resolve();
      };
      waiting = check;
      check();
    });
  try {
    await until(1);
    const file = path.join(book, chapter);
    const source = readFileSync(file, 'utf8');
    const times: number[] = [];
    for (const [i, word] of ['Quillwort', 'Bladderwrack', 'Samphire'].entries()) {
      const started = performance.now();
      writeFileSync(file, source.replace(/\bselfie\b/, word));
      await until(i + 2);
      times.push(performance.now() - started);
    }
    return Math.min(...times);
  } finally {
    child.kill('SIGINT');
  }
}

/** One Octavo build in a fresh process; its own `--json` report gives the pages. */
function octavoRun(book: string, format: 'pdf' | 'epub', out: string): Run {
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      path.join(repo, 'src/bin.js'),
      'build',
      book,
      '--format',
      format,
      '--out-dir',
      out,
      '--json',
    ],
    { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`octavo build ${format} failed:\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as { outputs: { pages?: number }[] };
  const rssKb = Number(run.stderr.trim().split('\n').at(-1));
  const pages = report.outputs[0]?.pages;
  return { ms, rssMb: rssKb / 1024, ...(pages ? { pages } : {}) };
}

const f = (n: number | undefined, digits = 0): string => (n === undefined ? '–' : n.toFixed(digits));

function printRow(row: Row, header: boolean): void {
  if (header) {
    console.log(
      'book          pages  PDF s  ms/page  PDF MB  EPUB s  EPUB MB  pandoc+WP s  ratio  pandoc EPUB s  ratio',
    );
  }
  const ratio = (a: Run, b?: Run): string => (b ? (a.ms / b.ms).toFixed(2) : '–');
  console.log(
    [
      row.book.padEnd(12),
      f(row.pages).padStart(6),
      f(row.pdf.ms / 1000, 2).padStart(6),
      f(row.pdf.msPerPage, 1).padStart(8),
      f(row.pdf.rssMb).padStart(7),
      f(row.epub.ms / 1000, 2).padStart(7),
      f(row.epub.rssMb).padStart(8),
      f(row.pandocWeasyprint && row.pandocWeasyprint.ms / 1000, 2).padStart(12),
      ratio(row.pdf, row.pandocWeasyprint).padStart(6),
      f(row.pandocEpub && row.pandocEpub.ms / 1000, 2).padStart(14),
      ratio(row.epub, row.pandocEpub).padStart(6),
    ].join(' '),
  );
}

interface Target {
  target: string;
  value: string;
  met?: boolean;
}

/** The speed issue's targets, from this run's figures. */
function checkTargets(rows: Row[], extras: Extras): Target[] {
  const at = (pages: number) => rows.find((r) => r.book === `${pages} pages`);
  const [r100, r400, r800] = [at(100), at(400), at(800)];
  const out: Target[] = [];
  if (r400?.pandocWeasyprint) {
    const ratio = r400.pdf.ms / r400.pandocWeasyprint.ms;
    out.push({ target: '400-page PDF ≤ 0.25 × pandoc+WeasyPrint', value: ratio.toFixed(2), met: ratio <= 0.25 });
  } else {
    const why = r400 ? 'no pandoc/weasyprint' : 'the 400-page book was not in this run';
    out.push({ target: '400-page PDF ≤ 0.25 × pandoc+WeasyPrint', value: why });
  }
  if (r100 && r800) {
    const ratio = r800.pdf.ms / r100.pdf.ms;
    out.push({ target: 'linear: PDF time(800) / time(100) ≤ 9', value: ratio.toFixed(2), met: ratio <= 9 });
  }
  if (r400?.pandocEpub) {
    const ratio = r400.epub.ms / r400.pandocEpub.ms;
    out.push({ target: '400-page EPUB ≤ 0.3 × pandoc EPUB', value: ratio.toFixed(2), met: ratio <= 0.3 });
  }
  if (r800) {
    const peak = Math.max(r800.pdf.rssMb, r800.epub.rssMb);
    out.push({ target: 'peak RSS at 800 pages < 700 MB', value: `${peak.toFixed(0)} MB`, met: peak < 700 });
  }
  const cold = extras.coldMs / 1000;
  out.push({ target: 'shipped manuscript, PDF + EPUB, cold < 2 s', value: `${cold.toFixed(2)} s`, met: cold < 2 });
  const limits: Record<string, number> = { 'the shipped manuscript': 0.4, 'the 400-page book': 1.5 };
  for (const w of extras.watch) {
    const limit = limits[w.book] ?? 0;
    const value = w.ms / 1000;
    out.push({ target: `watch, ${w.book}: < ${limit} s`, value: `${value.toFixed(2)} s`, met: value < limit });
  }
  return out;
}

function machine(): Record<string, string | number> {
  return {
    node: process.version,
    platform: process.platform,
    cpus: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
