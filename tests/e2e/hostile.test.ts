import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { folderHashes, repoRoot, tempDir } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { readEpub } from '../helpers/epub.js';
import { readPdf } from '../helpers/pdf.js';
import { allowanceFor, readTrips, tripwireEnv, type TripRecord } from '../helpers/tripwire.js';

/**
 * Hostile manuscripts (tests/hostile/<case>/, described in its README.md): each
 * is built by the real CLI in a child process with trip-wires preloaded, and
 * must end with its exit code and messages, dist/ as it was, no network
 * attempt, no process started, no file touched outside what a build needs, no
 * stack trace, and within a time budget.
 */

const casesDir = path.join(repoRoot, 'tests/hostile');

const setupStep = z.union([
  z.strictObject({ symlink: z.string(), to: z.string() }),
  z.strictObject({ fifo: z.string() }),
  z.strictObject({ sparse: z.string(), bytes: z.number().int().positive() }),
  z.strictObject({ copy: z.string(), to: z.string() }),
  z.strictObject({
    write: z.string(),
    text: z.string(),
    encoding: z.enum(['utf8', 'utf16le', 'latin1']).optional(),
    repeat: z.number().int().positive().optional(),
  }),
  z.strictObject({ write: z.string(), hex: z.string().regex(/^([0-9a-f]{2})+$/i) }),
]);

const expectedSchema = z.strictObject({
  guards: z.string().min(20),
  input: z.string().default('book'),
  args: z.array(z.string()).default([]),
  setup: z.array(setupStep).default([]),
  exit: z.number().int(),
  messages: z.array(z.string()),
  written: z.array(z.string()).default([]),
  absentFromOutputs: z.array(z.string()).default([]),
  budgetSeconds: z.number().positive().default(20),
});
type Expected = z.infer<typeof expectedSchema>;

const cases = readdirSync(casesDir)
  .filter((name) => existsSync(path.join(casesDir, name, 'expected.json')))
  .sort();

/** A case's files in a fresh folder, with what git cannot hold made by its setup steps. */
function prepare(name: string, expected: Expected): string {
  const work = tempDir('octavo-hostile-');
  cpSync(path.join(casesDir, name), work, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'expected.json',
  });
  mkdirSync(path.join(work, 'book'), { recursive: true });
  for (const step of expected.setup) {
    const at = (relative: string) => {
      const target = path.join(work, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      return target;
    };
    if ('symlink' in step) symlinkSync(step.to, at(step.symlink));
    else if ('fifo' in step) {
      const made = spawnSync('mkfifo', [at(step.fifo)]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    } else if ('sparse' in step) {
      writeFileSync(at(step.sparse), '');
      truncateSync(at(step.sparse), step.bytes);
    } else if ('copy' in step) copyFileSync(path.join(repoRoot, step.copy), at(step.to));
    else if ('hex' in step) appendFileSync(at(step.write), Buffer.from(step.hex, 'hex'));
    else appendFileSync(at(step.write), Buffer.from(step.text.repeat(step.repeat ?? 1), step.encoding ?? 'utf8'));
  }
  return work;
}

/** The report's message lines (not hints, not the closing summary) from stderr. */
function messageLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('  ') && !/^octavo: \w+ failed with /.test(line));
}

/** `*` in a pattern matches any run of characters; everything else is literal. */
function matches(pattern: string, line: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(line);
}

/** Every text a reader or a tool gets from the outputs: the EPUB's XML files, the PDF's text and metadata. */
async function outputTexts(dist: string): Promise<{ name: string; text: string }[]> {
  const texts: { name: string; text: string }[] = [];
  for (const name of readdirSync(dist)) {
    const bytes = new Uint8Array(readFileSync(path.join(dist, name)));
    if (name.endsWith('.epub')) {
      const epub = await readEpub(bytes);
      for (const entry of epub.names.filter((n) => /\.(xhtml|opf|ncx|xml|css|svg)$/.test(n))) {
        texts.push({ name: `${name}/${entry}`, text: await epub.text(entry) });
      }
    } else if (name.endsWith('.pdf')) {
      const pdf = await readPdf(bytes);
      // Raw strings: JSON.stringify would write a control character as an escape, which no check would see.
      const titles = (entries: typeof pdf.outline): string[] =>
        entries.flatMap((entry) => [entry.title, ...titles(entry.children)]);
      const info = Object.values(pdf.info).filter((value): value is string => typeof value === 'string');
      texts.push({ name, text: [...pdf.pages, ...info, ...titles(pdf.outline)].join('\n') });
    }
  }
  return texts;
}

describe('the trip-wires', () => {
  test('record and refuse network, processes and files outside the allowed set, in the main thread and in workers', () => {
    const work = tempDir('octavo-tripwire-');
    const allowed = path.join(work, 'allowed');
    mkdirSync(allowed);
    writeFileSync(path.join(allowed, 'inside.txt'), 'fine');
    writeFileSync(path.join(work, 'outside.txt'), 'secret');
    symlinkSync('../outside.txt', path.join(allowed, 'link.txt'));
    const script = path.join(work, 'probe.mjs');
    writeFileSync(
      script,
      `import { readFile } from 'node:fs/promises';
import { readFileSync, lstatSync } from 'node:fs';
import * as dns from 'node:dns/promises';
import net from 'node:net';
import http from 'node:http';
import dgram from 'node:dgram';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
const refused = [];
const attempt = async (name, run) => {
  try { await run(); } catch (error) { refused.push(name + ': ' + error.message); }
};
await attempt('fetch', () => fetch('http://192.0.2.1/'));
await attempt('data', async () => { if ((await (await fetch('data:,hi')).text()) !== 'hi') throw new Error('data: broken'); });
await attempt('readFile', () => readFile('/etc/hostname'));
await attempt('readFileSync', () => readFileSync('/etc/hostname'));
await attempt('inside', () => readFileSync(${JSON.stringify(path.join(allowed, 'inside.txt'))}));
await attempt('through a link', () => readFileSync(${JSON.stringify(path.join(allowed, 'link.txt'))}));
await attempt('lstat of the link', () => lstatSync(${JSON.stringify(path.join(allowed, 'link.txt'))}));
await attempt('net', () => net.connect({ host: '192.0.2.1', port: 9 }));
await attempt('dns', () => dns.lookup('example.invalid'));
await attempt('http', () => http.get('http://192.0.2.1/'));
await attempt('dgram', () => dgram.createSocket('udp4'));
await attempt('process', () => execFileSync('true'));
await new Promise((resolve) => {
  const worker = new Worker("require('node:fs').readFileSync('/etc/hostname'); fetch('http://192.0.2.2/').catch(() => {});", { eval: true });
  worker.on('exit', resolve);
});
console.log(JSON.stringify(refused));
`,
    );
    const log = path.join(work, 'trips.jsonl');
    const run = spawnSync(process.execPath, [script], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        ...tripwireEnv(log, { folders: { [allowed]: 'test' }, exact: { [script]: 'the probe' }, executables: {} }),
      },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      'fetch: tripwire: network refused (fetch)',
      'net: tripwire: network refused (net.connect)',
      'dns: tripwire: network refused (dns/promises.lookup)',
      'http: tripwire: network refused (http.get)',
      'dgram: tripwire: network refused (dgram.createSocket)',
      'process: tripwire: process refused (child_process.execFileSync)',
    ]);
    const trips = readTrips(log).map(({ pid: _pid, ...rest }) => rest);
    expect(trips.filter((trip) => trip.kind === 'ready')).toEqual([
      { kind: 'ready', thread: 'main' },
      { kind: 'ready', thread: 'worker' },
    ]);
    expect(trips.filter((trip) => trip.kind === 'network' || trip.kind === 'process')).toEqual([
      { kind: 'network', api: 'fetch', target: 'http://192.0.2.1/', thread: 'main' },
      { kind: 'network', api: 'net.connect', target: '192.0.2.1:9', thread: 'main' },
      { kind: 'network', api: 'dns/promises.lookup', target: 'example.invalid', thread: 'main' },
      { kind: 'network', api: 'http.get', target: 'http://192.0.2.1/', thread: 'main' },
      { kind: 'network', api: 'dgram.createSocket', target: 'udp4', thread: 'main' },
      { kind: 'process', api: 'child_process.execFileSync', target: 'true', thread: 'main' },
      { kind: 'network', api: 'fetch', target: 'http://192.0.2.2/', thread: 'worker' },
    ]);
    const files = trips.filter((trip) => trip.kind === 'file');
    expect(files).toContainEqual({ kind: 'file', op: 'readFile', path: '/etc/hostname', thread: 'main' });
    expect(files).toContainEqual({ kind: 'file', op: 'readFileSync', path: '/etc/hostname', thread: 'main' });
    expect(files).toContainEqual({ kind: 'file', op: 'readFileSync', path: '/etc/hostname', thread: 'worker' });
    expect(files).toContainEqual({
      kind: 'file',
      op: 'readFileSync',
      path: path.join(allowed, 'link.txt'),
      real: path.join(work, 'outside.txt'),
      thread: 'main',
    });
    // Only what lies outside: the allowed file and the lstat of the link inside are not there.
    expect(files.filter((trip) => trip.path.startsWith(allowed) && trip.real === undefined)).toEqual([]);
  });
});

describe('hostile manuscripts', () => {
  test.each(cases)('%s', async (name) => {
    const expected = expectedSchema.parse(JSON.parse(readFileSync(path.join(casesDir, name, 'expected.json'), 'utf8')));
    const work = prepare(name, expected);
    const dist = path.join(work, 'dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'keep.txt'), 'the user’s own file, which no build may touch');
    const before = folderHashes(dist);
    const log = path.join(tempDir('octavo-trips-'), 'trips.jsonl');
    const env = tripwireEnv(log, allowanceFor({ book: path.join(work, 'book'), outDir: dist, cwd: work }));

    const started = performance.now();
    const run = octavo(['build', expected.input, '--out-dir', 'dist', ...expected.args], work, env, {
      timeoutMs: (expected.budgetSeconds + 30) * 1000,
    });
    const seconds = (performance.now() - started) / 1000;
    const trips = readTrips(log);
    const of = (kind: TripRecord['kind']) => trips.filter((trip) => trip.kind === kind);

    expect(of('ready'), 'the trip-wires were loaded into the CLI').toContainEqual(
      expect.objectContaining({ thread: 'main' }),
    );
    expect(of('network'), 'network attempts').toEqual([]);
    expect(of('process'), 'processes started').toEqual([]);
    expect(of('file'), 'files touched outside the book, the out-dir and what Octavo needs').toEqual([]);
    const lines = messageLines(run.stderr);
    expect(
      lines.map((line, index) => {
        const pattern = expected.messages[index];
        return pattern !== undefined && matches(pattern, line) ? pattern : line;
      }),
    ).toEqual(expected.messages);
    expect(run.code).toBe(expected.exit);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$|internal error/m);
    expect(seconds).toBeLessThan(expected.budgetSeconds);

    if (expected.exit === 0) {
      expect(readdirSync(dist).sort()).toEqual(['keep.txt', ...expected.written].sort());
      expect(folderHashes(dist)['keep.txt']).toBe(before['keep.txt']);
    } else {
      expect(folderHashes(dist)).toEqual(before);
    }
    for (const { name: output, text } of await outputTexts(dist)) {
      for (const absent of expected.absentFromOutputs) {
        expect(text.includes(absent), `${output} holds ${JSON.stringify(absent)}`).toBe(false);
      }
    }
  });
});
