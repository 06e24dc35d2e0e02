import type { Point } from 'unist';

/**
 * The line and column of a character of the source. Smart punctuation changes text
 * nodes' values (`--` becomes `–`), so a place inside a node is found in the source
 * the author wrote, from the node's start offset.
 */
export function pointAt(source: string, offset: number): Point {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n'), offset };
}
