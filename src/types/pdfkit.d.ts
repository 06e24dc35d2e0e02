/** The one part of pdfkit (react-pdf's PDF writer) that Octavo touches: see writers/pdf/destinations.ts. */
declare module 'pdfkit' {
  const PDFDocument: {
    prototype: { addNamedDestination(this: object, name: string, ...args: unknown[]): unknown };
  };
  export default PDFDocument;
}
