import type { Tokens } from '../tokens.js';
import { classicTheme } from './classic.js';
import { handoutTheme } from './handout.js';
import { modernTheme } from './modern.js';

/** The themes a book can name in book.yaml (`theme:`), the first being the default. */
export const themeNames = ['classic', 'modern', 'handout'] as const;

export type ThemeName = (typeof themeNames)[number];

/**
 * Every theme by name. `default` is the name `classic` had before there were
 * other book themes: code that asks for it keeps getting the same look.
 */
export const themes: Readonly<Record<ThemeName, Tokens>> & Readonly<Record<string, Tokens | undefined>> = {
  classic: classicTheme,
  modern: modernTheme,
  handout: handoutTheme,
  default: classicTheme,
};
