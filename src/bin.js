#!/usr/bin/env node
// The installed `octavo` command: the compiled JavaScript in lib/ while it is up to
// date with the sources (see compile.js), else the TypeScript sources through tsx.
import { compiledCli } from './compile.js';

const compiled = compiledCli();
if (compiled) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
