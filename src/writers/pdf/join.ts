import type { PDFDict as PdfDict, PDFDocument as PdfDocument, PDFObject, PDFRef } from 'pdf-lib';

/** An outline entry, read from one of the files joined. */
interface Entry {
  title: PDFObject;
  dest: PDFObject | undefined;
  count: PDFObject | undefined;
  children: Entry[];
}

/** The joined file, and the page (from 1) of each of its named destinations, as `destinationPages` would read them. */
export interface Joined {
  bytes: Uint8Array;
  destinations: Map<string, number>;
}

/**
 * The files read before, by their bytes: a part kept from the last rendering
 * (parts.ts) is not read again. Only copied from, never changed: the first file,
 * which becomes the joined one, is read afresh each time.
 */
const readBefore = new WeakMap<Uint8Array, PdfDocument>();

/**
 * One PDF of several (a book laid out in parts, see parts.ts): the first file's
 * catalog and metadata, every file's pages in order, and their named destinations
 * (which the links and the contents go to) and outlines joined, each pointing at
 * the pages as they are in the joined file.
 */
export async function joinPdfs(files: readonly Uint8Array[]): Promise<Joined> {
  // Loaded here, not with the writer: only a book laid out in parts is joined.
  const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } =
    await import('pdf-lib');
  const load = (bytes: Uint8Array): Promise<PdfDocument> => PDFDocument.load(bytes, { updateMetadata: false });
  const [first, ...others] = files;
  if (!first) throw new Error('no PDF to join');
  const [joined, ...rest] = await Promise.all([
    load(first),
    ...others.map(async (bytes) => {
      const doc = readBefore.get(bytes) ?? (await load(bytes));
      readBefore.set(bytes, doc);
      return doc;
    }),
  ]);
  if (!joined) throw new Error('no PDF to join');
  const context = joined.context;
  const named = new Map<string, { key: PDFObject; bytes: Uint8Array; dest: PDFObject; page: number }>();
  const outline: Entry[] = [];
  let rootCount = false;
  /** Old objects of the first file that the joined outline and names replace. */
  const replaced: PDFRef[] = [];

  /** The pages of the files read so far. */
  let pagesBefore = 0;
  const read = (doc: PdfDocument, pages: readonly PDFRef[], own: boolean): void => {
    const ownPages = doc.getPages();
    const newPage = new Map(ownPages.map((page, index) => [page.ref.toString(), pages[index]]));
    const pageNumber = new Map(ownPages.map((page, index) => [page.ref.toString(), pagesBefore + index + 1]));
    pagesBefore += ownPages.length;
    /** The page a destination (an array, or a dictionary with one as `D`) goes to, in the joined file. */
    const pageOf = (dest: PDFObject | undefined): number | undefined => {
      const array = dest instanceof PDFDict ? dest.lookup(PDFName.of('D')) : dest;
      const page = array instanceof PDFArray ? array.get(0) : undefined;
      return page instanceof PDFRef ? pageNumber.get(page.toString()) : undefined;
    };
    // A destination array's first item is its page: the same page in the joined file.
    const moved = (dest: PDFObject | undefined): PDFObject | undefined => {
      if (dest instanceof PDFDict) {
        const inner = moved(dest.lookup(PDFName.of('D')));
        return inner ? context.obj({ D: inner }) : undefined;
      }
      if (!(dest instanceof PDFArray)) return dest;
      const items = dest.asArray();
      const page = items[0] instanceof PDFRef ? newPage.get(items[0].toString()) : undefined;
      if (!page) return undefined;
      const copy = PDFArray.withContext(context);
      copy.push(page);
      for (const item of items.slice(1)) copy.push(item);
      return copy;
    };
    const resolved = (object: PDFObject | undefined): PDFObject | undefined =>
      object instanceof PDFRef ? doc.context.lookup(object) : object;
    const note = (object: PDFObject | undefined): void => {
      if (own && object instanceof PDFRef) replaced.push(object);
    };
    // Named destinations: the Dests name tree of the catalog.
    const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
    const walkNames = (ref: PDFObject | undefined): void => {
      note(ref);
      const node = resolved(ref);
      if (!(node instanceof PDFDict)) return;
      const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
      for (let i = 0; i < (kids?.size() ?? 0); i++) walkNames(kids?.get(i));
      const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
      for (let i = 0; i + 1 < (pairs?.size() ?? 0); i += 2) {
        const key = pairs?.lookup(i);
        const value = pairs?.get(i + 1);
        note(value);
        const dest = moved(resolved(value));
        const page = pageOf(resolved(value));
        if (!(key instanceof PDFString || key instanceof PDFHexString) || !dest || page === undefined) continue;
        const text = key.decodeText();
        // The first file that names a destination keeps it, as one file does (see destinations.ts).
        if (!named.has(text)) named.set(text, { key, bytes: key.asBytes(), dest, page });
      }
    };
    walkNames(names?.get(PDFName.of('Dests')));
    // The outline.
    const outlines = doc.catalog.get(PDFName.of('Outlines'));
    note(outlines);
    const root = resolved(outlines);
    const entries = (parent: PdfDict): Entry[] => {
      const list: Entry[] = [];
      let ref = parent.get(PDFName.of('First'));
      while (ref) {
        note(ref);
        const item = resolved(ref);
        if (!(item instanceof PDFDict)) break;
        list.push({
          title: item.get(PDFName.of('Title')) ?? PDFString.of(''),
          dest: moved(resolved(item.get(PDFName.of('Dest')))),
          count: item.get(PDFName.of('Count')),
          children: entries(item),
        });
        ref = item.get(PDFName.of('Next'));
      }
      return list;
    };
    if (root instanceof PDFDict) {
      outline.push(...entries(root));
      rootCount ||= root.has(PDFName.of('Count'));
    }
  };

  read(
    joined,
    joined.getPages().map((page) => page.ref),
    true,
  );
  for (const doc of rest) {
    const pages = await joined.copyPages(doc, doc.getPageIndices());
    for (const page of pages) joined.addPage(page);
    read(
      doc,
      pages.map((page) => page.ref),
      false,
    );
  }
  for (const ref of replaced) context.delete(ref);

  // A name tree lists its names in the order of their bytes.
  const sorted = [...named.values()].sort((a, b) => compareBytes(a.bytes, b.bytes));
  const pairs = PDFArray.withContext(context);
  for (const { key, dest } of sorted) {
    pairs.push(key);
    pairs.push(dest);
  }
  if (sorted.length > 0) {
    const names = joined.catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({});
    names.set(PDFName.of('Dests'), context.register(context.obj({ Names: pairs })));
    joined.catalog.set(PDFName.of('Names'), names);
  }

  const write = (entries: readonly Entry[], parent: PDFRef): { first: PDFRef; last: PDFRef } | undefined => {
    const refs = entries.map(() => context.nextRef());
    entries.forEach((entry, index) => {
      const item = context.obj({}) as PdfDict;
      item.set(PDFName.of('Title'), entry.title);
      item.set(PDFName.of('Parent'), parent);
      const ref = refs[index] as PDFRef;
      const before = refs[index - 1];
      const after = refs[index + 1];
      if (before) item.set(PDFName.of('Prev'), before);
      if (after) item.set(PDFName.of('Next'), after);
      const children = write(entry.children, ref);
      if (children) {
        item.set(PDFName.of('First'), children.first);
        item.set(PDFName.of('Last'), children.last);
        if (entry.count) item.set(PDFName.of('Count'), entry.count);
      }
      if (entry.dest) item.set(PDFName.of('Dest'), entry.dest);
      context.assign(ref, item);
    });
    const first = refs[0];
    const last = refs[refs.length - 1];
    return first && last ? { first, last } : undefined;
  };
  if (outline.length > 0) {
    const rootRef = context.nextRef();
    const root = context.obj({}) as PdfDict;
    const top = write(outline, rootRef);
    if (top) {
      root.set(PDFName.of('First'), top.first);
      root.set(PDFName.of('Last'), top.last);
    }
    if (rootCount) root.set(PDFName.of('Count'), PDFNumber.of(outline.length));
    context.assign(rootRef, root);
    joined.catalog.set(PDFName.of('Outlines'), rootRef);
  }
  const bytes = await joined.save({ useObjectStreams: false });
  // pdf-lib always writes "%PDF-1.7"; the file keeps the version its parts were written in.
  const version = files[0]?.subarray(0, 8);
  if (version && String.fromCharCode(...version).startsWith('%PDF-1.')) bytes.set(version, 0);
  return { bytes, destinations: new Map([...named].map(([name, { page }]) => [name, page])) };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}
