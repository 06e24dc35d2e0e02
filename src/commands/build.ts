import { existsSync } from 'node:fs';
import { parsePaper } from '../../styles/paper.js';
import type { BuildOptions } from '../core/build.js';
import { buildIsolated } from '../core/isolated.js';
import { parseChapters } from '../core/select-parts.js';
import { impositions } from '../handout/layout.js';
import type { Format } from '../types/writer.js';
import { catchInterrupts } from './interrupt.js';
import { progressDelay, progressDisplay } from './progress.js';
import {
  budgetOptions,
  budgetUsage,
  failure,
  formatSize,
  messagesJson,
  printMessages,
  seconds,
  UsageError,
  type Command,
  parseBudget,
  parseCommandLine,
} from './shared.js';
import { displayPath, folderLabel } from '../core/report.js';

export const usage = `Usage: octavo build [input] [options]

Turn a Markdown manuscript into a print-ready PDF and an EPUB 3.

  input                 a book folder with book.yaml, or one .md file with
                        YAML front matter (default: manuscript/, or the
                        working folder when it holds book.yaml)

Options:
  -f, --format <fmt>    pdf, epub or all (default: all; pdf for a handout
                        or an imposed or marked build)
  -o, --out-dir <dir>   where outputs go (default: dist/)
      --page-list       give an EPUB-only build the PDF edition's page
                        numbers (a build of both formats always has them)
      --allow-remote    fetch images given by http(s) URLs, from public
                        internet addresses only (15 s, 20 MB each); without
                        it an image URL is an error and nothing is fetched

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
      --jobs <n>        threads that lay out a long book's PDF at once
                        (default: 1 on two cores, else one fewer than the
                        cores; watch: every core)
${budgetUsage}
      --strict          warnings fail the build too
  -q, --quiet           print only messages, not the outputs written
      --json            print one JSON report on stdout (outputs, pages,
                        sizes, timings, messages) and nothing else
  -h, --help            show this help

Exit codes: 0 built, 1 the book has errors (or, with --strict, warnings)
and nothing was written, 2 the command line is wrong.`;

/** The options of `octavo build`, for `parseCommandLine`; `octavo watch` takes them too. */
export const buildOptions = {
  format: { type: 'string', short: 'f' },
  profile: { type: 'string', default: 'book' },
  paper: { type: 'string' },
  impose: { type: 'string' },
  marks: { type: 'boolean', default: false },
  bleed: { type: 'string' },
  chapters: { type: 'string' },
  'page-list': { type: 'boolean', default: false },
  'allow-remote': { type: 'boolean', default: false },
  sections: { type: 'string', multiple: true },
  'out-dir': { type: 'string', short: 'o', default: 'dist' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  jobs: { type: 'string' },
  ...budgetOptions,
} as const;

/** A build's command line, checked for form: what to build, how, within what budget. */
export function parseBuildCommandLine(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, buildOptions);
  const [input, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  const print = parsePrintOptions(values);
  const printOnly = print.profile === 'handout' || print.impose !== undefined || print.marks === true;
  const formats = parseFormat(values.format ?? (printOnly ? 'pdf' : 'all'));
  const request: BuildOptions & { outDir: string } = {
    input: input ?? defaultInput(),
    formats,
    outDir: values['out-dir'],
    strict: values.strict,
    ...(values['page-list'] ? { pageList: true } : {}),
    allowRemote: values['allow-remote'],
    ...(values.jobs !== undefined ? { jobs: parseJobs(values.jobs) } : {}),
    ...print,
  };
  return { values, request, budget: parseBudget(values) };
}

/** `--jobs`: a whole number, 1 or more. */
function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || jobs < 1)
    throw new UsageError(`--jobs is a number of threads, 1 or more, not ${value}`);
  return jobs;
}

/** `octavo build`: the book's outputs into the out-dir, all or nothing. */
export async function run(argv: string[]): Promise<number> {
  const { values, request, budget } = parseBuildCommandLine(argv);
  if (values.help) {
    console.log(usage);
    return 0;
  }

  const started = performance.now();
  const display = values.quiet || values.json ? undefined : progressDisplay(process.stderr, progressDelay());
  const interrupts = catchInterrupts(folderLabel(values['out-dir']), () => display?.done());
  const result = await buildIsolated(
    {
      ...request,
      signal: interrupts.signal,
      onProgress: (progress) => {
        if (progress.stage === 'write') interrupts.writing();
        display?.update(progress);
      },
    },
    budget,
  );
  display?.done();
  const interrupted = interrupts.finish(result.ok);
  if (interrupted !== undefined) return interrupted;
  const totalMs = performance.now() - started;
  if (values.json) {
    const report = {
      ok: result.ok,
      outputs: result.outputs.map((output) => ({
        ...output,
        path: displayPath(output.path),
        ms: Math.round(output.ms),
      })),
      timings: { totalMs: Math.round(totalMs), readMs: Math.round(result.loadMs ?? 0) },
      messages: messagesJson(result.files),
    };
    console.log(JSON.stringify(report, null, 2));
    return result.ok ? 0 : 1;
  }
  printMessages(result.files);
  if (!values.quiet) {
    for (const output of result.outputs) {
      const what = output.pages === undefined ? '' : `${output.pages} ${output.pages === 1 ? 'page' : 'pages'}, `;
      console.log(`wrote ${displayPath(output.path)} (${what}${formatSize(output.bytes)}) in ${seconds(output.ms)}`);
    }
  }
  if (!result.ok) {
    console.error(`octavo: build failed with ${failure(result.files)}; nothing was written`);
    return 1;
  }
  if (!values.quiet && result.outputs.length > 1) console.log(`done in ${seconds(totalMs)}`);
  return 0;
}

export const command: Command = { usage, run };

/** manuscript/, or the working folder when it is itself a book folder. */
export function defaultInput(): string {
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
