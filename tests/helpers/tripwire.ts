import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { repoRoot } from './books.js';

/** One thing the trip-wires saw (tests/helpers/tripwire.cjs writes them, one JSON object a line). */
export type TripRecord =
  | { kind: 'ready'; pid: number; thread: 'main' | 'worker' }
  | { kind: 'file'; op: string; path: string; real?: string; pid: number; thread: string; stack?: string[] }
  | { kind: 'network' | 'process'; api: string; target: string; pid: number; thread: string; stack?: string[] };

/** What a run may touch, each entry with why. */
export interface Allowance {
  /** Folders: everything under them. */
  folders: Record<string, string>;
  /** Paths that may be looked at themselves, nothing under them. */
  exact: Record<string, string>;
  /** Executables that may be started. */
  executables: Record<string, string>;
}

/**
 * Everything a build of `book` into `outDir`, run from `cwd`, has reason to
 * touch: the book, the out-dir, Octavo's own code and what it loads, and what
 * Node and tsx need. Anything else a run opens, stats or lists is a finding.
 */
export function allowanceFor(run: { book: string; outDir: string; cwd: string }): Allowance {
  // tsx names it after the effective uid where there is one (tsx/dist/temporary-directory-*.mjs).
  const tsxCache = path.join(tmpdir(), `tsx-${process.geteuid?.() ?? userInfo().username}`);
  const folders: Record<string, string> = {
    [run.book]: 'the book: its metadata, chapters, images and cover',
    [run.outDir]: 'the out-dir: the outputs and their temporary files',
    [path.join(repoRoot, 'src')]:
      'Octavo’s own code: the entry, and the sources whose dates tell whether lib/ is up to date',
    [path.join(repoRoot, 'lib')]: 'Octavo’s own code, compiled and bundled with the plain-JavaScript libraries',
    [path.join(repoRoot, 'styles')]: 'the themes and the font registry',
    [path.join(repoRoot, 'node_modules')]:
      'the libraries, the fonts (@expo-google-fonts), sharp’s libvips, yoga’s WebAssembly, esbuild',
    [tsxCache]: 'tsx’s cache of compiled code, and the IPC pipe it tries to reach its parent through',
  };
  const exact: Record<string, string> = {
    [path.join(repoRoot, 'package.json')]: 'the version Octavo prints and writes into the outputs; module resolution',
    [path.join(repoRoot, 'package-lock.json')]: 'its date tells whether lib/, which bundles libraries, is up to date',
    [path.join(repoRoot, 'tsconfig.json')]:
      'its date tells whether lib/ is up to date; tsx compiles the sources with it',
    [path.join(tmpdir(), 'tsx')]: 'tsx checks for an old cache folder to remove',
    '/proc/self/exe': 'detect-libc (for sharp) reads the Node binary’s ELF header to tell glibc from musl',
    [process.execPath]: 'the same, by the binary’s own name',
    '/usr/bin/ldd': 'detect-libc’s fallback where the ELF header does not say',
  };
  for (let folder = run.cwd; ; folder = path.dirname(folder)) {
    exact[path.join(folder, 'tsconfig.json')] = 'tsx looks for a tsconfig.json from the working folder up';
    if (folder === path.dirname(folder)) break;
  }
  for (let folder = path.dirname(run.outDir); ; folder = path.dirname(folder)) {
    exact[folder] = 'build() stats every folder above the out-dir, to refuse an out-dir inside a file';
    if (folder === path.dirname(folder)) break;
  }
  const executables: Record<string, string> = {};
  for (const binary of esbuildBinaries())
    executables[binary] = 'tsx compiles TypeScript it has not cached with esbuild';
  return { folders, exact, executables };
}

/** esbuild's binary for this platform, wherever npm put it. */
function esbuildBinaries(): string[] {
  const found = [path.join(repoRoot, 'node_modules/esbuild/bin/esbuild')];
  const scoped = path.join(repoRoot, 'node_modules/@esbuild');
  if (existsSync(scoped)) {
    for (const name of readdirSync(scoped)) found.push(path.join(scoped, name, 'bin/esbuild'));
  }
  return found.filter((file) => existsSync(file));
}

/** The environment that loads the trip-wires into a Node process and its threads. */
export function tripwireEnv(logFile: string, allowance: Allowance): Record<string, string> {
  const preload = path.join(repoRoot, 'tests/helpers/tripwire.cjs');
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(),
    OCTAVO_TRIPWIRE_LOG: logFile,
    OCTAVO_TRIPWIRE_ALLOW: Object.keys(allowance.folders).join(path.delimiter),
    OCTAVO_TRIPWIRE_ALLOW_EXACT: Object.keys(allowance.exact).join(path.delimiter),
    OCTAVO_TRIPWIRE_ALLOW_EXEC: Object.keys(allowance.executables).join(path.delimiter),
  };
}

/** What the trip-wires wrote, in order. */
export function readTrips(logFile: string): TripRecord[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TripRecord);
}
