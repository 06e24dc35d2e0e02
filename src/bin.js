#!/usr/bin/env node
// The installed `octavo` command: load TypeScript sources through tsx, then the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
