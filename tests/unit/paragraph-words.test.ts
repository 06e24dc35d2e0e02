import { expect, test } from 'vitest';
import { countWords } from '../../src/plugins/remark-check-paragraphs.js';

const naive = (segmenter: Intl.Segmenter, text: string) =>
  [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;

test('words counted piece by piece are the words counted at once, where the text has spaces', () => {
  const english = new Intl.Segmenter('en', { granularity: 'word' });
  const text = 'The quick brown fox, jumps over “the” lazy dog; it’s 3.5 km. '.repeat(200);
  expect(countWords(english, text)).toBe(naive(english, text));
  expect(countWords(english, '')).toBe(0);
  const chinese = new Intl.Segmenter('zh', { granularity: 'word' });
  const zh = '太初有道，道與神同在，道就是神。'.repeat(100);
  expect(Math.abs(countWords(chinese, zh) - naive(chinese, zh))).toBeLessThanOrEqual(zh.length / 512 + 1);
});
