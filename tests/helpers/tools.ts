import { execFileSync, spawnSync } from 'node:child_process';
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

/** Run Debian's EPUBCheck (a jar) on a file. Throws when it is not installed: CI installs it. */
export function epubcheck(file: string): EpubCheckResult {
  const bin = which('epubcheck');
  if (!bin) throw new Error('epubcheck is not installed (apt-get install epubcheck)');
  const run = spawnSync('java', ['-jar', realpathSync(bin), file], { encoding: 'utf8' });
  const output = `${run.stdout}\n${run.stderr}`;
  const summary = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (summary) return { errors: Number(summary[1]) + Number(summary[2]), warnings: Number(summary[3]), output };
  if (run.status === 0 && /No errors or warnings detected/.test(output)) return { errors: 0, warnings: 0, output };
  throw new Error(`EPUBCheck gave no verdict (exit ${run.status}):\n${output}`);
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
