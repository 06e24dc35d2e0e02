import type { Tokens } from '../tokens.js';
import { defaultTheme } from './default.js';

/** Every theme a book can name, by name. */
export const themes: Readonly<Record<string, Tokens>> = { default: defaultTheme };
