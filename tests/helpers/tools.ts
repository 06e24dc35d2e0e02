import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

function which(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export interface EpubCheckResult {
  errors: number;
  warnings: number;
  output: string;
}

/**
 * JVM flags for a run of a few seconds: the first JIT tier only and the serial
 * collector. EPUBCheck then takes less than half the CPU time it takes with the
 * defaults (4.5 s instead of 11 s on the shipped book), and the suite runs it often.
 */
const quickJvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/** Run Debian's EPUBCheck (a jar) on a file. Throws when it is not installed: CI installs it. */
export function epubcheck(file: string): EpubCheckResult {
  const run = spawnSync('java', epubcheckArgs(file), { encoding: 'utf8' });
  return epubcheckVerdict(run.status, `${run.stdout}\n${run.stderr}`);
}

/** `epubcheck`, in a process of its own while the test goes on (Calibre can run meanwhile). */
export async function epubcheckAsync(file: string): Promise<EpubCheckResult> {
  const run = await ran('java', epubcheckArgs(file));
  return epubcheckVerdict(run.status, run.output);
}

function epubcheckArgs(file: string): string[] {
  const bin = which('epubcheck');
  if (!bin) throw new Error('epubcheck is not installed (apt-get install epubcheck)');
  return [...quickJvm, '-jar', realpathSync(bin), file];
}

function epubcheckVerdict(status: number | null, output: string): EpubCheckResult {
  const summary = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (summary) return { errors: Number(summary[1]) + Number(summary[2]), warnings: Number(summary[3]), output };
  if (status === 0 && /No errors or warnings detected/.test(output)) return { errors: 0, warnings: 0, output };
  throw new Error(`EPUBCheck gave no verdict (exit ${status}):\n${output}`);
}

/** A command's exit status and its output (stdout, then stderr), without blocking the test's thread. */
function ran(
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(env ? { env } : {}) },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** `qpdf --check`; returns its output, throws when the file is damaged. */
export function qpdfCheck(file: string): string {
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

/** Fonts as pdffonts lists them: name and whether embedded. */
export function pdffonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name, type (1-2 words), encoding, emb, sub, uni, object, id: emb is 5th from the end.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** What Calibre prints on every conversion; any other line is something it had to say about the book. */
const calibreProgress = [
  /^\d+% /,
  /^InputFormatPlugin: EPUB Input running$/,
  /^on \//,
  /^Parsing all content\.\.\.$/,
  /^Merging user specified metadata\.\.\.$/,
  /^Detecting structure\.\.\.$/,
  /^\s*Detected chapter: /,
  /^Flattening CSS and remapping font sizes\.\.\.$/,
  /^Source base font size is [\d.]+pt$/,
  /^Removing fake margins\.\.\.$/,
  /^Cleaning up manifest\.\.\.$/,
  /^Trimming unused files from manifest\.\.\.$/,
  /^Trimming '[^']+' from manifest$/,
  /^Creating AZW3 Output\.\.\.$/,
  /^Serializing resources\.\.\.$/,
  /^Splitting markup on page breaks and flow limits, if any\.\.\.$/,
  // Calibre's own chapter detection breaks the page before each h1, and a file holding two is split there.
  /^\s*Split into \d+ parts$/,
  /^Creating KF8 output$/,
  /^\s*Generating in-line ToC$/,
  /^\s*Generating KF8 markup\.\.\.$/,
  /^\s*Compressing markup\.\.\.$/,
  /^\s*Creating indices\.\.\.$/,
  /^AZW3 output written to /,
  /^Output saved to /,
];

/**
 * Convert an EPUB to AZW3 with Calibre's `ebook-convert` (Debian's `calibre`), the
 * nearest thing to Kindle's pipeline that runs here. Returns the exit status and
 * every line of its output that is not routine progress. Throws when Calibre is
 * not installed: CI installs it.
 */
export function ebookConvert(file: string): CalibreResult {
  const { args, env } = ebookConvertRun(file);
  const run = spawnSync('ebook-convert', args, { encoding: 'utf8', env });
  return calibreVerdict(run.status, `${run.stdout}\n${run.stderr}`);
}

/** `ebookConvert`, in a process of its own while the test goes on (EPUBCheck can run meanwhile). */
export async function ebookConvertAsync(file: string): Promise<CalibreResult> {
  const { args, env } = ebookConvertRun(file);
  const run = await ran('ebook-convert', args, env);
  return calibreVerdict(run.status, run.output);
}

interface CalibreResult {
  status: number | null;
  remarks: string[];
  output: string;
}

function ebookConvertRun(file: string): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!which('ebook-convert')) throw new Error('ebook-convert is not installed (apt-get install calibre)');
  const out = `${file.replace(/\.epub$/, '')}.azw3`;
  return { args: [file, out], env: { ...process.env, CALIBRE_CONFIG_DIRECTORY: `${out}.calibre` } };
}

function calibreVerdict(status: number | null, output: string): CalibreResult {
  const remarks = output
    .split('\n')
    .filter((line) => line.trim() !== '' && !calibreProgress.some((pattern) => pattern.test(line)));
  return { status, remarks, output };
}
