/**
 * Property tests: random and mutated manuscripts (tests/property/markdown.ts)
 * through build(), in a worker thread that is ended when a build hangs. Whatever
 * the manuscript, the build settles: either it succeeds, with an EPUB that
 * EPUBCheck passes and a PDF that pdf-lib reads with the page count the build
 * reported, or it fails with messages that each carry a rule id, a reason and a
 * hint, none of them the build's own "this is a bug".
 *
 * The EPUB-only run is the many-documents one (an EPUB build costs a fraction of
 * a PDF layout); a smaller run builds both formats. Every ok EPUB goes through the
 * in-process EPUBCheck; every OCTAVO_PROPERTY_JAVA_EVERY-th also through the Java one.
 *
 *   OCTAVO_PROPERTY_RUNS=<epub>,<both>   documents per run (default 800,200)
 *   OCTAVO_PROPERTY_SEED=<n>             another fixed seed (default 20260105; the second run takes n + 1)
 *   OCTAVO_PROPERTY_TIMEOUT_MS=<ms>      what one build may take (default 20000)
 *   OCTAVO_PROPERTY_JAVA_EVERY=<n>       default 150
 *
 * A failure prints the seed, the shrunk manuscript and the folder it was built in.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Format } from '../../src/types/writer.js';
import { epubcheck } from '../helpers/tools.js';
import { Builder, discard, problemsOf, type Outcome } from './harness.js';
import { manuscript, type Manuscript } from './markdown.js';

const [epubRuns = 800, bothRuns = 200] = (process.env.OCTAVO_PROPERTY_RUNS ?? '800,200').split(',').map(Number);
const seed = Number(process.env.OCTAVO_PROPERTY_SEED ?? 20260105);
const timeoutMs = Number(process.env.OCTAVO_PROPERTY_TIMEOUT_MS ?? 20_000);
const javaEvery = Number(process.env.OCTAVO_PROPERTY_JAVA_EVERY ?? 150);

// Builds write (and fsync) their outputs: in memory when the machine has a tmpfs.
const root = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'octavo-property-'));
let builder: Builder;
const summary: string[] = [];
let failures = 0;

beforeAll(() => {
  builder = new Builder(root);
  console.info(
    `property tests: seed ${seed} (OCTAVO_PROPERTY_SEED), runs ${epubRuns},${bothRuns} (OCTAVO_PROPERTY_RUNS)`,
  );
});

afterAll(async () => {
  await builder.close();
  console.info(summary.join('\n'));
  // A failing build's folder stays for a look.
  if (failures === 0) rmSync(root, { recursive: true, force: true });
});

/** Build `numRuns` manuscripts into `formats`; throws fast-check's report (seed, shrunk manuscript) on a failure. */
async function holds(formats: Format[], numRuns: number, runSeed: number): Promise<void> {
  const counts = { ok: 0, failed: 0, java: 0 };
  /** The first error of each build that stopped, by rule: what the manuscripts most often trip on. */
  const stops = new Map<string, number>();
  const started = performance.now();
  let last: { book: Manuscript; outcome: Outcome; problems: string[] } | undefined;
  const property = fc.asyncProperty(manuscript, async (book) => {
    const outcome = await builder.build(book, formats, timeoutMs);
    const problems = problemsOf(outcome, formats, timeoutMs);
    if (problems.length > 0) {
      last = { book, outcome, problems };
      throw new Error(`${problems.join('\n')}\n(built in ${outcome.dir})`);
    }
    if (outcome.kind === 'done' && outcome.reply.ok) {
      counts.ok++;
      const epub = outcome.reply.outputs.find((o) => o.format === 'epub');
      if (epub && counts.ok % javaEvery === 0) {
        counts.java++;
        const java = epubcheck(epub.path);
        if (java.errors > 0) {
          last = { book, outcome, problems: ['Java EPUBCheck'] };
          throw new Error(`Java EPUBCheck finds errors the in-process one does not:\n${java.output}`);
        }
      }
    } else {
      counts.failed++;
      const first = outcome.kind === 'done' ? outcome.reply.messages.find((m) => m.fatal)?.ruleId : undefined;
      if (first) stops.set(first, (stops.get(first) ?? 0) + 1);
    }
    discard(outcome);
  });
  const details = await fc.check(property, {
    seed: runSeed,
    numRuns,
    includeErrorInReport: true,
    // Shrinking a slow failure could take long: what it has by then is reported.
    interruptAfterTimeLimit: 20 * 60_000,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  summary.push(
    `${formats.join('+')}, seed ${runSeed}: ${details.numRuns} manuscripts in ${seconds} s; of the builds, ${counts.ok} succeeded, ${counts.failed} stopped with a clean error (${[
      ...stops,
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ')}), ${counts.java} also went through Java EPUBCheck`,
  );
  if (!details.failed) return;
  failures++;
  // The shrunk manuscript's EPUB, through the Java EPUBCheck too: is it the EPUB or the checker?
  const epub = last?.outcome.kind === 'done' ? last.outcome.reply.outputs.find((o) => o.format === 'epub') : undefined;
  const java = epub && last?.problems.some((p) => p.startsWith('EPUBCheck')) ? epubcheck(epub.path).output : '';
  throw new Error(`${fc.defaultReportMessage(details)}${java ? `\n\nJava EPUBCheck on it:\n${java}` : ''}`);
}

test(
  `any manuscript builds a valid EPUB or fails cleanly (${epubRuns} manuscripts)`,
  async () => {
    await holds(['epub'], epubRuns, seed);
    expect(epubRuns).toBeGreaterThan(0);
  },
  30 * 60_000,
);

test(
  `any manuscript builds a valid PDF and EPUB or fails cleanly (${bothRuns} manuscripts)`,
  async () => {
    await holds(['pdf', 'epub'], bothRuns, seed + 1);
    expect(bothRuns).toBeGreaterThan(0);
  },
  30 * 60_000,
);
