import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './core/build.js';
import { countMessages, formatMessages } from './core/report.js';
import type { Format } from './types/writer.js';

const usage = `Usage: octavo build [input] [options]

Turn a Markdown manuscript into a print-ready PDF and an EPUB 3.

  input                 a book folder with book.yaml, or one .md file with
                        YAML front matter (default: manuscript/, or the
                        working folder when it holds book.yaml)

Options:
  -f, --format <fmt>    pdf, epub or all (default: all)
  -o, --out-dir <dir>   where outputs go (default: dist/)
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
      format: { type: 'string', short: 'f', default: 'all' },
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
  const formats = parseFormat(values.format);

  const started = performance.now();
  const result = await build({
    input: input ?? defaultInput(),
    formats,
    outDir: values['out-dir'],
    strict: values.strict,
  });
  for (const line of formatMessages(result.files)) console.error(line);
  if (!values.quiet) {
    for (const output of result.outputs) {
      const what = output.pages === undefined ? '' : `${output.pages} ${output.pages === 1 ? 'page' : 'pages'}, `;
      console.log(
        `wrote ${path.relative(process.cwd(), output.path)} (${what}${formatSize(output.bytes)}) in ${seconds(output.ms)}`,
      );
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

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
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
