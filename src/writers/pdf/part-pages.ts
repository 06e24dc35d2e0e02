/**
 * What the parts of a book laid out at the same time (see parts.ts) tell each
 * other, in memory they share, while each is blocked inside react-pdf's layout:
 *
 * - `counts`: how many pages each laid out, stored plus one so that 0 means "not
 *   yet" (slot 0 the front pages', slot k part k's); the last slot is set when the
 *   build has failed, so that no part waits for ever;
 * - `pages`: the page where each id the contents list landed (0: not yet);
 * - `done`: which parts have laid out all their pages, so `pages` holds theirs.
 */
export interface Shared {
  counts: Int32Array;
  pages: Int32Array;
  done: Int32Array;
}

const slots = (length: number): Int32Array =>
  new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * Math.max(1, length)));

export function sharedState(parts: number, listed: number): Shared {
  return { counts: slots(parts + 2), pages: slots(listed), done: slots(parts + 1) };
}

/** Says how many pages slot `index` laid out. */
export function publish({ counts }: Shared, index: number, pages: number): void {
  Atomics.store(counts, index, pages + 1);
  Atomics.notify(counts, index);
}

/** Says where part `index` put the listed ids (`listed[i]` on page `landing.get(listed[i])`), all of them. */
export function publishLanding(
  shared: Shared,
  index: number,
  listed: readonly string[],
  landing: ReadonlyMap<string, number>,
): void {
  listed.forEach((id, slot) => {
    const page = landing.get(id);
    if (page !== undefined) Atomics.store(shared.pages, slot, page);
  });
  Atomics.store(shared.done, index, 1);
  Atomics.notify(shared.done, index);
}

/** Stops every part that waits: the build has failed. */
export function abandon({ counts, done }: Shared): void {
  Atomics.store(counts, counts.length - 1, 1);
  for (let index = 0; index < counts.length; index++) Atomics.notify(counts, index);
  for (let index = 0; index < done.length; index++) Atomics.notify(done, index);
}

/** Blocks until `slots[index]` is set, and gives its value; throws when the build has failed. */
function waitFor({ counts }: Shared, slots: Int32Array, index: number): number {
  for (;;) {
    const value = Atomics.load(slots, index);
    if (value !== 0) return value;
    if (Atomics.load(counts, counts.length - 1) !== 0) throw new Error('another part of the book failed');
    Atomics.wait(slots, index, 0, 1000);
  }
}

/**
 * The pages before part `index`: it waits until the front pages and every part
 * before it have said how many they laid out. A part waits only for the slots
 * before its own, and says its own count before it waits (see part-layout.ts), so the
 * parts never wait on each other in a circle.
 */
export function pagesBefore(shared: Shared, index: number): number {
  let pages = 0;
  for (let before = 0; before < index; before++) pages += waitFor(shared, shared.counts, before) - 1;
  return pages;
}

/**
 * The page where the parts put each listed id, once all have laid out their pages:
 * the front pages wait for it while react-pdf numbers their contents.
 */
export function landedPages(shared: Shared, parts: number, listed: readonly string[]): Map<string, number> {
  for (let part = 1; part <= parts; part++) waitFor(shared, shared.done, part);
  const landed = new Map<string, number>();
  listed.forEach((id, slot) => {
    const page = Atomics.load(shared.pages, slot);
    if (page > 0) landed.set(id, page);
  });
  return landed;
}
