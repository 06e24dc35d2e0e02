import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** Every rule a message can carry; the id a user can search the README for. */
export type RuleId =
  | 'book-yaml-syntax'
  | 'book-yaml-invalid'
  | 'book-yaml-unknown-key'
  | 'chapter-missing'
  | 'chapter-none'
  | 'chapter-invalid'
  | 'chapter-empty'
  | 'image-missing'
  | 'image-outside-book'
  | 'image-unsupported'
  | 'image-remote'
  | 'image-inline'
  | 'image-animated'
  | 'cover-invalid'
  | 'html-raw'
  | 'html-removed'
  | 'link-broken'
  | 'node-unknown'
  | 'text-encoding'
  | 'text-control-character'
  | 'front-matter-language'
  | 'file-too-large'
  | 'output-failed'
  | 'output-locked'
  | 'renderer-warning'
  | 'glyph-missing'
  | 'input-missing'
  | 'option-invalid'
  | 'heading-duplicate'
  | 'heading-skip'
  | 'image-alt-missing'
  | 'image-low-resolution'
  | 'image-large'
  | 'epub-large'
  | 'footnote-unused'
  | 'footnote-undefined'
  | 'paragraph-long'
  | 'epub-invalid'
  | 'book-too-large'
  | 'nesting-too-deep'
  | 'build-timeout'
  | 'build-memory';

export interface Problem {
  reason: string;
  ruleId: RuleId;
  /** What the user can do about it. */
  hint?: string;
  /** A node, a position or a point in the file; omitted for whole-file problems. */
  place?: Node | Position | Point | undefined;
  severity: 'error' | 'warning';
}

/** Record a problem on the file it is about (never throws). */
export function report(file: VFile, problem: Problem): void {
  const place = problem.place && 'type' in problem.place ? problem.place.position : problem.place;
  const message = file.message(problem.reason, {
    ...(place ? { place } : {}),
    ruleId: problem.ruleId,
    source: 'octavo',
  });
  message.fatal = problem.severity === 'error';
  if (problem.hint) message.note = problem.hint;
}

/** True when any of the files carries an error. */
export function hasErrors(files: Iterable<VFile>): boolean {
  for (const file of files) if (file.messages.some((m) => m.fatal === true)) return true;
  return false;
}
