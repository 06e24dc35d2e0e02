// The TypeScript sources as plain JavaScript in lib/, which `octavo` runs (see bin.js).
// Loaded through tsx, every module of a build passes its loader's hooks, in the main
// thread and again in the build's worker: more than a second of a cold start. And
// bundled, the shipped manuscript's build opens some 430 module files, not 1,200.
//
// `node src/compile.js` compiles (npm runs it after `npm ci` and `npm install`, as
// `prepare`); `--if-stale` compiles only when lib/ is not up to date. lib/ records the
// name, size and modification time of every source it was compiled from, and is run
// only while they are the same.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = path.join(root, 'lib');
const stampFile = path.join(lib, 'sources.json');

/**
 * What lib/ is compiled from: every .ts file under src/ and styles/ but declarations,
 * the libraries it bundles (as package-lock.json has them), and what it is compiled
 * by. The folders are listed too: a file added to one changes the folder's date.
 */
function sources() {
  const files = ['tsconfig.json', 'package-lock.json', 'src/compile.js'];
  const folders = ['src', 'styles'];
  for (const dir of ['src', 'styles']) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      const name = path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name));
      if (entry.isDirectory()) folders.push(name);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(name);
    }
  }
  return { files: files.sort(), folders: folders.sort() };
}

/** The names, sizes and modification times of the sources, as one digest (a missing source throws). */
function stamp({ files, folders }) {
  const hash = createHash('sha1');
  for (const name of [...files, ...folders]) {
    const { size, mtimeMs } = statSync(path.join(root, name));
    hash.update(`${name}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * The compiled command line's entry, when lib/ is up to date with the sources; else
 * undefined. The list of sources is lib/'s, so that this takes one stat a source.
 */
export function compiledCli() {
  try {
    const recorded = JSON.parse(readFileSync(stampFile, 'utf8'));
    return recorded.stamp === stamp(recorded.sources) ? pathToFileURL(path.join(lib, 'cli.js')) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Libraries loaded from node_modules as they are: native code (sharp), files or
 * WebAssembly of their own (hyphen's patterns, highlight.js's grammars, subset-font,
 * the EPUB packager and checker), and react-pdf with what it shares with Octavo
 * (react, fontkit, yoga, and pdfkit, whose prototype Octavo patches).
 */
const external = [
  'sharp',
  '@img/*',
  'hyphen',
  'hyphen/*',
  'highlight.js',
  'highlight.js/*',
  'subset-font',
  'epub-gen-memory',
  '@likecoin/epubcheck-ts',
  '@react-pdf/*',
  'react',
  'fontkit',
  'yoga-layout',
  'pdfkit',
  'octavo/package.json',
];

/**
 * Compile the sources into a new lib/ with esbuild (the compiler tsx uses): the
 * command line, the build's worker and the workers that lay out parts of a book, each bundled with the libraries that are
 * plain JavaScript. What the sources load only when it is needed (a command, a
 * writer, pdf-lib) is a chunk of its own, loaded as late. Every file is in lib/
 * itself, so that the worker's entry is found beside the code that starts it. The
 * stamp is taken first: a source saved during the compile leaves lib/ out of date,
 * not wrong. Without esbuild (an install without the dev dependencies), there is
 * no lib/, and `octavo` runs the sources through tsx.
 */
export async function compile() {
  const esbuild = await import('esbuild').catch(() => undefined);
  if (!esbuild) {
    console.warn('octavo: esbuild is not installed, so lib/ is not compiled: octavo runs the sources through tsx');
    return;
  }
  const { build } = esbuild;
  const listed = sources();
  const recorded = { sources: listed, stamp: stamp(listed) };
  const next = `${lib}.${process.pid}.tmp`;
  rmSync(next, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts', 'src/core/isolated-job.ts', 'src/writers/pdf/part-job.ts'],
    outdir: next,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    external,
    // pdf-lib's CommonJS build, bundled, loses its exports to a dynamic import; its ES build does not.
    mainFields: ['module', 'main'],
    // The CommonJS libraries bundled into these ES modules still call require.
    banner: {
      js: "import { createRequire as octavoRequire } from 'node:module'; const require = octavoRequire(import.meta.url);",
    },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(path.join(next, 'sources.json'), `${JSON.stringify(recorded, null, 2)}\n`);
  rmSync(lib, { recursive: true, force: true });
  try {
    renameSync(next, lib);
  } catch (error) {
    // Another compile put its lib/ there first: as good as this one, if it is up to date.
    rmSync(next, { recursive: true, force: true });
    if (!compiledCli()) throw error;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (!process.argv.includes('--if-stale') || !compiledCli()) await compile();
}
