import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePaper } from '../styles/paper.js';
import { build, type BuildOptions } from './core/build.js';
import { parseChapters } from './core/select-parts.js';
import { impositions } from './handout/layout.js';
import { countMessages, formatMessages } from './core/report.js';
import type { Format } from './types/writer.js';

const usage = `Usage: octavo build [input] [options]

Turn a Markdown manuscript into a print-ready PDF and an EPUB 3.

  input                 a book folder with book.yaml, or one .md file with
                        YAML front matter (default: manuscript/, or the
                        working folder when it holds book.yaml)

Options:
  -f, --format <fmt>    pdf, epub or all (default: all; pdf for a handout
                        or an imposed or marked build)
  -o, --out-dir <dir>   where outputs go (default: dist/)

Printing:
      --profile <name>  book or handout (default: book). A handout has a
                        compact title block, a notes margin and "n / N"
                        footers; it is written as <title>-handout.pdf
      --paper <size>    a4, letter, a5, 6x9, or WxH with mm, cm, in or pt
                        (default: the theme's; a handout: letter for en-US
                        and its neighbours, else a4)
      --impose <how>    booklet, 2up or 4up: pages put onto sheets of the
                        paper; a booklet's pages are half a sheet, in
                        folding order (print duplex, flip on the short edge)
      --marks           crop marks, trim and bleed boxes on every page
      --bleed <mm>      bleed around the trim for --marks (default: 3)
      --chapters <n>    print only these chapters: 2, 2-3 or 1,3-4
      --sections <text> print only the sections whose heading contains the
                        text (repeat it for several)

Other:
      --strict          warnings fail the build too
  -q, --quiet           print only messages, not the outputs written
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 success, 1 the book has errors (or, with --strict, warnings)
or the command line is wrong.`;

class UsageError extends Error {}

/** Run the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      profile: { type: 'string', default: 'book' },
      paper: { type: 'string' },
      impose: { type: 'string' },
      marks: { type: 'boolean', default: false },
      bleed: { type: 'string' },
      chapters: { type: 'string' },
      sections: { type: 'string', multiple: true },
      'out-dir': { type: 'string', short: 'o', default: 'dist' },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.version) {
    console.log(version());
    return 0;
  }
  const [command, input, ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(usage);
    return 0;
  }
  if (command !== 'build') throw new UsageError(command ? `unknown command: ${command}` : 'no command given');
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  const print = parsePrintOptions(values);
  const printOnly = print.profile === 'handout' || print.impose !== undefined || print.marks === true;
  const formats = parseFormat(values.format ?? (printOnly ? 'pdf' : 'all'));

  const started = performance.now();
  const result = await build({
    input: input ?? defaultInput(),
    formats,
    outDir: values['out-dir'],
    strict: values.strict,
    ...print,
  });
  for (const line of formatMessages(result.files)) console.error(line);
  if (!values.quiet) {
    for (const output of result.outputs) {
      const what = output.pages === undefined ? '' : `${output.pages} ${output.pages === 1 ? 'page' : 'pages'}, `;
      console.log(`wrote ${shown(output.path)} (${what}${formatSize(output.bytes)}) in ${seconds(output.ms)}`);
    }
  }
  const { errors, warnings } = countMessages(result.files);
  if (!result.ok) {
    const why = errors > 0 ? plural(errors, 'error') : `${plural(warnings, 'warning')} under --strict`;
    console.error(`octavo: build failed with ${why}; nothing was written`);
    return 1;
  }
  if (!values.quiet && result.outputs.length > 1) console.log(`done in ${seconds(performance.now() - started)}`);
  return 0;
}

/** manuscript/, or the working folder when it is itself a book folder. */
function defaultInput(): string {
  return !existsSync('manuscript') && existsSync('book.yaml') ? '.' : 'manuscript';
}

function parseFormat(value: string): Format[] {
  if (value === 'all') return ['pdf', 'epub'];
  if (value === 'pdf' || value === 'epub') return [value];
  throw new UsageError(`--format must be pdf, epub or all, not ${value}`);
}

/** The printing options, checked for form; whether they fit the book is for the build to say. */
function parsePrintOptions(values: {
  profile: string;
  paper?: string | undefined;
  impose?: string | undefined;
  marks: boolean;
  bleed?: string | undefined;
  chapters?: string | undefined;
  sections?: string[] | undefined;
}): Omit<BuildOptions, 'input' | 'formats' | 'outDir' | 'strict'> {
  const print: Omit<BuildOptions, 'input' | 'formats' | 'outDir' | 'strict'> = {};
  if (values.profile !== 'book' && values.profile !== 'handout') {
    throw new UsageError(`--profile must be book or handout, not ${values.profile}`);
  }
  print.profile = values.profile;
  if (values.paper !== undefined) {
    const paper = parsePaper(values.paper);
    if (!paper && /^\s*[\d.]+\s*[x×]\s*[\d.]+\s*$/i.test(values.paper)) {
      throw new UsageError(`--paper ${values.paper} needs a unit: mm, cm, in or pt, as in 210x297mm or 8.5x11in`);
    }
    if (!paper)
      throw new UsageError(`--paper must be a4, letter, a5, 6x9 or a size like 210x297mm, not ${values.paper}`);
    print.paper = paper;
  }
  if (values.impose !== undefined) {
    const impose = impositions.find((name) => name === values.impose);
    if (!impose) throw new UsageError(`--impose must be booklet, 2up or 4up, not ${values.impose}`);
    print.impose = impose;
  }
  if (values.marks) print.marks = true;
  if (values.bleed !== undefined) {
    if (!values.marks) throw new UsageError('--bleed sets the bleed around crop marks: add --marks');
    const bleed = Number(values.bleed);
    if (values.bleed.trim() === '' || !Number.isFinite(bleed)) {
      throw new UsageError(`--bleed is in millimetres, such as 3, not ${values.bleed}`);
    }
    print.bleedMm = bleed;
  }
  if (values.chapters !== undefined) {
    const backwards = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(values.chapters);
    if (backwards && Number(backwards[1]) > Number(backwards[2])) {
      throw new UsageError(`--chapters ${values.chapters} runs backwards: write ${backwards[2]}-${backwards[1]}`);
    }
    if (!parseChapters(values.chapters)) {
      throw new UsageError(`--chapters takes numbers from 1 such as 2, 2-3 or 1,3-4, not ${values.chapters}`);
    }
    print.parts = { chapters: values.chapters };
  }
  const sections = (values.sections ?? []).map((text) => text.trim());
  if (sections.some((text) => text === '')) throw new UsageError('--sections needs some text of a heading');
  if (sections.length > 0) print.parts = { ...print.parts, sections };
  return print;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** A path as the user would write it: relative below the working folder, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`octavo: ${error.message}\nRun \`octavo --help\` for usage.`);
    } else {
      console.error(`octavo: internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.OCTAVO_DEBUG) console.error(error);
      console.error('This is a bug in Octavo; set OCTAVO_DEBUG=1 for details and please report it.');
    }
    process.exitCode = 1;
  },
);
