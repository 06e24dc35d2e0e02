import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { slugify } from '../core/slugify.js';
import { UsageError, type Command, packageFile, parseCommandLine } from './shared.js';
import { displayPath } from '../core/report.js';

export const usage = `Usage: octavo init [folder] [options]

Start a new book in a folder (default: the working folder, when it is
empty): book.yaml, two short chapters and a picture, ready to build with
\`octavo build <folder>\`. The folder is created when it does not exist. No
file is ever overwritten: when any of the files is already there, nothing
is written.

Options:
      --title <text>    the book's title (default: made from the folder's name)
  -h, --help            show this help

Exit codes: 0 created, 1 a file is in the way, 2 the command line is wrong.`;

/** The files of a new book, copied from this folder; `{{title}}` and `{{date}}` are filled in. */
const template = (): string => packageFile('src/commands/template');

/** `octavo init`: a new book folder that builds at once. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    title: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [folder = '.', ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  if (positionals.length === 0 && (await readdir('.')).some((name) => !name.startsWith('.'))) {
    console.error(
      'octavo: the working folder is not empty, and a book wants a folder of its own; name a new one, as in `octavo init my-book`',
    );
    return 1;
  }
  const title = values.title?.trim() || titleFrom(folder);
  if (!title) throw new UsageError('--title needs some text');
  const target = path.resolve(folder);

  const files = await templateFiles(template());
  const inTheWay = files.filter((file) => existsSync(path.join(target, file)));
  if (existsSync(target) && !(await isFolder(target))) inTheWay.unshift('');
  if (inTheWay.length > 0) {
    for (const file of inTheWay) {
      console.error(
        `${displayPath(path.join(target, file))}: error: already exists; octavo init never overwrites a file`,
      );
    }
    console.error(`octavo: nothing was written; choose another folder, as in \`octavo init my-book\``);
    return 1;
  }
  const fill = (text: string): string =>
    text.replaceAll('{{title}}', stringify(title).trim()).replaceAll('{{date}}', today());
  for (const file of files) {
    const from = path.join(template(), file);
    const to = path.join(target, file);
    await mkdir(path.dirname(to), { recursive: true });
    if (/\.(md|yaml)$/.test(file)) await writeFile(to, fill(await readFile(from, 'utf8')), { flag: 'wx' });
    else await copyFile(from, to, 1 /* COPYFILE_EXCL */);
    console.log(`created ${displayPath(to)}`);
  }
  const where = folder === '.' ? '' : ` ${displayPath(target)}`;
  const slug = slugify(title);
  console.log(`\nBuild it with \`octavo build${where}\`: it writes dist/${slug}.pdf and dist/${slug}.epub.`);
  return 0;
}

export const command: Command = { usage, run };

/** "my-first_book" → "My First Book". */
export function titleFrom(folder: string): string {
  const name = path.basename(path.resolve(folder));
  return name
    .replace(/[-_]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** The date a new book carries: SOURCE_DATE_EPOCH when set (reproducible), else today. */
function today(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}

async function templateFiles(root: string, under = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, under), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.join(under, entry.name);
    if (entry.isDirectory()) files.push(...(await templateFiles(root, relative)));
    else files.push(relative);
  }
  return files;
}

async function isFolder(file: string): Promise<boolean> {
  return (await stat(file)).isDirectory();
}
