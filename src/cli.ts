import { exit, UsageError, version, type Command } from './commands/shared.js';

const usage = `Usage: octavo <command> [options]

Turn a Markdown manuscript into a print-ready PDF and an EPUB 3.

Commands:
  build [input]    build the book: a PDF and an EPUB in dist/
  check [input]    find the book's problems (or an EPUB's), writing nothing
  watch [input]    build, then build again each time a file of the book is saved
  init [folder]    start a new book that builds at once

Run \`octavo help <command>\` or \`octavo <command> --help\` for its options.

  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 success, 1 the book has errors (or, with --strict, warnings),
2 the command line is wrong.`;

/** Commands by name, loaded on demand so each starts with only what it needs. */
const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).command,
  check: async () => (await import('./commands/check.js')).command,
  init: async () => (await import('./commands/init.js')).command,
  watch: async () => (await import('./commands/watch.js')).command,
};

/** Run the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-v' || first === '--version') {
    console.log(version());
    return exit.ok;
  }
  if (first === '-h' || first === '--help') {
    console.log(usage);
    return exit.ok;
  }
  if (first === 'help') {
    const topic = rest[0];
    const load = topic === undefined ? undefined : commands[topic];
    if (topic !== undefined && !load) throw new UsageError(`no help for ${topic}: it is not a command`);
    console.log(load ? (await load()).usage : usage);
    return exit.ok;
  }
  if (first === undefined) throw new UsageError('no command given');
  const load = commands[first];
  if (!load) {
    const hint = first.startsWith('-') ? ' (options go after the command, as in `octavo build --format pdf`)' : '';
    throw new UsageError(`unknown command: ${first}${hint}`);
  }
  return (await load()).run(rest);
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
      const command = commands[process.argv[2] ?? ''] ? ` ${process.argv[2]}` : '';
      console.error(`octavo: ${error.message}\nRun \`octavo${command} --help\` for usage.`);
      process.exitCode = exit.usage;
    } else {
      console.error(`octavo: internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.OCTAVO_DEBUG) console.error(error);
      console.error('This is a bug in Octavo; set OCTAVO_DEBUG=1 for details and please report it.');
      process.exitCode = exit.failed;
    }
  },
);
