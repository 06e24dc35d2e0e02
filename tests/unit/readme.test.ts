import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { knownKeys } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/books.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

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
