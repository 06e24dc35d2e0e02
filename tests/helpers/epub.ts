import JSZip from 'jszip';

/** The files of an EPUB, as text (binary entries as their byte length). */
export async function readEpub(
  bytes: Uint8Array,
): Promise<{ names: string[]; text: (name: string) => Promise<string> }> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    names: Object.keys(zip.files),
    text: async (name: string) => {
      const entry = zip.file(name);
      if (!entry) throw new Error(`${name} is not in the EPUB`);
      return entry.async('string');
    },
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
