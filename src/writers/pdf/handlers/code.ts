import type { Code } from 'mdast';
import { fontFamilies } from '../../../../styles/fonts.js';
import { cutRuns, highlightLines, type CodeRun } from '../../highlight.js';
import { el, keepAhead, type PdfChild } from '../element.js';
import type { State } from '../state.js';
import { insets } from '../stylesheet.js';

/** Drawn at the start of a line that continues the one above. */
const continuation = '→ ';

/**
 * A code block keeps every character where it was typed. react-pdf can break a
 * line only at spaces, so a long token would run off the page: lines are wrapped
 * here instead, at a space where one is near the limit, else anywhere, and each
 * continuation starts with a muted arrow. A monospaced face makes the limit exact.
 * Leading spaces become no-break spaces (react-pdf would collapse them); a tab is
 * four spaces; each line is its own Text (a "\n" in a Text pulls in Helvetica).
 * A fence that names a language is highlighted (see highlight.ts): a wrapped
 * line's pieces keep the colours of the runs they cut through.
 */
export function code(state: State, node: Code): PdfChild[] {
  const { size, fonts } = state.tokens;
  const advance = (fontFamilies[fonts.mono]?.advance ?? 0.6) * size.code;
  const room = state.textWidth - state.inset - 2 * insets(state.tokens).codePadding;
  const columns = Math.max(20, Math.floor(room / advance) - 1);
  const lines = highlightLines(node.value.replace(/\t/g, '    '), node.lang).flatMap((runs) => {
    const pieces = wrap(runs.map((run) => run.text).join(''), columns);
    const cut = cutRuns(
      runs,
      pieces.map((piece) => piece.text.length),
    );
    return pieces.map(({ continued }, index) => ({ continued, runs: cut[index] ?? [] }));
  });
  const block = el(
    'View',
    ['codeBlock'],
    lines.map(({ runs, continued }) =>
      el(
        'Text',
        ['codeText'],
        continued ? [el('Text', ['codeMarker'], [continuation]), ...runs.map(drawn)] : keepSpaces(runs).map(drawn),
        { noHyphens: true },
      ),
    ),
  );
  // A short block moves whole; a long one starts only where three of its lines fit,
  // so its grey box is never left empty at the foot of a page.
  if (lines.length <= shortBlock) return [{ ...block, props: { wrap: false } }];
  const line = size.code * state.tokens.leading.code;
  return [keepAhead(3 * line + 2 * insets(state.tokens).codePadding + state.tokens.space.block), block];
}

/** Lines up to which a code block is never split. */
const shortBlock = 8;

/** Characters about 1 em wide, set from the CJK and emoji faces: two columns of a 0.6 em monospaced face, and a little over. */
const wide =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Extended_Pictographic}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/** Columns a character takes in a code line. */
const columnsOf = (char: string): number => (wide.test(char) ? 2 : 1);

/** Cut one line into pieces of at most `columns` columns, continuations counting their marker. */
export function wrap(line: string, columns: number): { text: string; continued: boolean }[] {
  const pieces: { text: string; continued: boolean }[] = [];
  let rest = [...line];
  let continued = false;
  for (;;) {
    const limit = continued ? columns - continuation.length : columns;
    let fit = 0;
    for (let used = 0; fit < rest.length && used + columnsOf(rest[fit] ?? '') <= limit; fit++) {
      used += columnsOf(rest[fit] ?? '');
    }
    if (fit === rest.length) break;
    const space = rest.slice(0, fit).lastIndexOf(' ');
    const cut = space >= limit * 0.6 ? space + 1 : Math.max(1, fit);
    pieces.push({ text: rest.slice(0, cut).join(''), continued });
    rest = rest.slice(cut);
    continued = true;
  }
  pieces.push({ text: rest.join(''), continued });
  return pieces;
}

/** A plain run as its text, a highlighted one as a Text in its kind's style. */
function drawn(run: CodeRun): PdfChild {
  return run.kind ? el('Text', [`syntax-${run.kind}`], [run.text]) : run.text;
}

/** The line's leading spaces as no-break spaces, in whichever runs they fall; an empty line as one. */
function keepSpaces(runs: readonly CodeRun[]): CodeRun[] {
  if (runs.length === 0) return [{ text: '\u00a0' }];
  let leading = true;
  return runs.map((run) => {
    if (!leading) return run;
    const text = run.text.replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length));
    leading = text.length > 0 && /^\u00a0*$/.test(text);
    return { ...run, text };
  });
}
