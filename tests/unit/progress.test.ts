import { expect, test } from 'vitest';
import { progressDelay, progressDisplay } from '../../src/commands/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

test('on a terminal: one live line, redrawn for every chapter, cleared at the end', () => {
  const tty = stream(true);
  const display = progressDisplay(tty, 0);
  display.update({ stage: 'read', done: 0, total: 2 });
  display.update({ stage: 'read', done: 1, total: 2 });
  display.update({ stage: 'render', format: 'pdf' });
  display.done();
  expect(tty.written).toEqual([
    '\r\x1b[Koctavo: reading chapters 1/2…',
    '\r\x1b[Koctavo: reading chapters 2/2…',
    '\r\x1b[Koctavo: laying out the PDF…',
    '\r\x1b[K',
  ]);
});

test('in a log: a line per step, never one per chapter', () => {
  const log = stream(false);
  const display = progressDisplay(log, 0);
  for (let done = 0; done < 5; done++) display.update({ stage: 'read', done, total: 5 });
  display.update({ stage: 'render', format: 'epub' });
  display.update({ stage: 'write', files: 1 });
  display.done();
  expect(log.written).toEqual([
    'octavo: reading 5 chapters…\n',
    'octavo: packaging the EPUB…\n',
    'octavo: writing 1 file…\n',
  ]);
});

test('a short build shows nothing', () => {
  const tty = stream(true);
  const display = progressDisplay(tty, 60_000);
  display.update({ stage: 'render', format: 'pdf' });
  display.done();
  expect(tty.written).toEqual([]);
});

test('the delay: OCTAVO_PROGRESS_DELAY in ms, else three seconds', () => {
  expect(progressDelay({})).toBe(3000);
  expect(progressDelay({ OCTAVO_PROGRESS_DELAY: '0' })).toBe(0);
  expect(progressDelay({ OCTAVO_PROGRESS_DELAY: 'soon' })).toBe(3000);
});
