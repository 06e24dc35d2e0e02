import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { knownKeys } from '../../src/config/schema.js';
import { schemaTable } from '../../src/config/schema-doc.js';
import { repoRoot } from '../helpers/books.js';

const readmePath = path.join(repoRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

test('every rule id a message can carry is explained in the README', () => {
  const source = readFileSync(path.join(repoRoot, 'src/types/messages.ts'), 'utf8');
  const union = /export type RuleId =([^;]+);/.exec(source)?.[1] ?? '';
  const ids = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
  expect(ids.length).toBeGreaterThan(10);
  for (const id of ids) expect(readme, id).toContain(`| \`${id}\` |`);
});

test('every book.yaml key is in the README’s example', () => {
  for (const key of knownKeys) expect(readme, key).toMatch(new RegExp(`^${key}:`, 'm'));
});

test('the README’s table of book.yaml keys is the one the schema gives', () => {
  const start = '<!-- book.yaml schema: start -->\n';
  const end = '<!-- book.yaml schema: end -->';
  const from = readme.indexOf(start) + start.length;
  const to = readme.indexOf(end);
  expect(from, 'the README lacks the start marker').toBeGreaterThanOrEqual(start.length);
  expect(to, 'the README lacks the end marker after the start').toBeGreaterThanOrEqual(from);
  const table = `${schemaTable()}\n`;
  // Like the goldens: UPDATE_GOLDENS=1 rewrites the table, to be read in the diff.
  if (process.env.UPDATE_GOLDENS === '1') writeFileSync(readmePath, readme.slice(0, from) + table + readme.slice(to));
  else expect(readme.slice(from, to), 'run with UPDATE_GOLDENS=1 and read the diff').toBe(table);
});
