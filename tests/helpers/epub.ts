import JSZip from 'jszip';

/** The files of an EPUB: their names, and each one's text or bytes. */
export async function readEpub(bytes: Uint8Array): Promise<{
  names: string[];
  text: (name: string) => Promise<string>;
  bytes: (name: string) => Promise<Uint8Array>;
}> {
  const zip = await JSZip.loadAsync(bytes);
  const entry = (name: string) => {
    const found = zip.file(name);
    if (!found) throw new Error(`${name} is not in the EPUB`);
    return found;
  };
  return {
    names: Object.keys(zip.files),
    text: async (name: string) => entry(name).async('string'),
    bytes: async (name: string) => entry(name).async('uint8array'),
  };
}

/** Text content of an XHTML document, tags dropped and entities of the XML five decoded. */
export function xhtmlText(xhtml: string): string {
  return xhtml
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
