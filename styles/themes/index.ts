import type { Tokens } from '../tokens.js';
import { defaultTheme } from './default.js';
import { handoutTheme } from './handout.js';

/** Every theme a book can name, by name. */
export const themes: Readonly<Record<string, Tokens>> = { default: defaultTheme, handout: handoutTheme };
