import type { VFile } from 'vfile';
import { countMessages, formatMessages } from '../core/report.js';
import { checkEpubIsolated, checkIsolated } from '../core/isolated.js';
import { defaultInput } from './build.js';
import {
  budgetOptions,
  budgetUsage,
  failure,
  messagesJson,
  plural,
  UsageError,
  type Command,
  parseBudget,
  parseCommandLine,
} from './shared.js';

export const usage = `Usage: octavo check [input] [options]

Check a manuscript without writing anything. Every finding is one line,
file:line:col, with a rule id and a hint: broken links (across chapters
too), duplicate heading ids, skipped heading levels, images missing,
without alt text or too small for print, unused or undefined footnotes,
characters no font can draw, raw HTML that will be dropped, very long
paragraphs. They are the warnings and errors a build would give.

  input                 a book folder with book.yaml, or one .md file with
                        YAML front matter (default: as for build), or an
                        .epub file to validate against EPUBCheck's rules
                        (in-process; no Java needed)

Options:
      --strict          warnings fail the check too (for CI)
      --allow-remote    fetch images given by http(s) URLs to check them, as
                        build --allow-remote does (public addresses only)
${budgetUsage}
      --json            print one JSON report on stdout and nothing else
  -q, --quiet           print the findings only, not the summary
  -h, --help            show this help

Exit codes: 0 nothing wrong (with --strict: not even a warning), 1 a problem
was found, 2 the command line is wrong.`;

/** `octavo check`: the manuscript's problems, or an EPUB's, on stdout; nothing written. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    strict: { type: 'boolean', default: false },
    'allow-remote': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    ...budgetOptions,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [input = defaultInput(), ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  const budget = parseBudget(values);
  const epub = /\.epub$/i.test(input);
  const options = { strict: values.strict, allowRemote: values['allow-remote'] };
  const result = epub ? await checkEpubIsolated(input, budget) : await checkIsolated(input, options, budget);
  const ok = result.ok && !(values.strict && result.files.some((file) => file.messages.length > 0));
  if (values.json) {
    console.log(JSON.stringify({ ok, messages: messagesJson(result.files) }, null, 2));
    return ok ? 0 : 1;
  }
  for (const line of formatMessages(result.files)) console.log(line);
  if (!values.quiet) console.log(summary(result.files, ok, epub ? 'the EPUB' : 'the book'));
  return ok ? 0 : 1;
}

export const command: Command = { usage, run };

function summary(files: readonly VFile[], ok: boolean, what: string): string {
  const { errors, warnings } = countMessages(files);
  if (errors + warnings === 0) return `octavo: no problems found in ${what}`;
  const found = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean);
  return ok ? `octavo: ${found.join(' and ')} in ${what}` : `octavo: check failed with ${failure(files)}`;
}
