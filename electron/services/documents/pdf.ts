import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { resourcePath } from '../resources';

// pdfmake is one module-wide instance: fonts and access policies are set once. Only our own font files
// may be read, nothing may be fetched (a document never reaches out to the network). It is loaded with the first
// document (a tenth of a second of every start otherwise).

let loading: Promise<typeof import('pdfmake')> | null = null;

async function load(): Promise<typeof import('pdfmake')> {
  const { default: pdfmake } = await import('pdfmake');
  const fonts = resourcePath('fonts');
  pdfmake.setFonts({
    Serif: {
      normal: `${fonts}/LiberationSerif-Regular.ttf`,
      bold: `${fonts}/LiberationSerif-Bold.ttf`,
      italics: `${fonts}/LiberationSerif-Italic.ttf`,
      bolditalics: `${fonts}/LiberationSerif-BoldItalic.ttf`,
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts));
  return pdfmake;
}

/** Millimetres to PDF points (the decree gives margins in millimetres). */
export const mm = (value: number): number => (value * 72) / 25.4;

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  // A load that failed (a file limit reached mid-import) is tried again with the next document.
  loading ??= load().catch((err: unknown) => { loading = null; throw err; });
  return Buffer.from(await (await loading).createPdf(doc).getBuffer());
}
