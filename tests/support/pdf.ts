import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';

/** The text of each page of a PDF, as a reader (pdf.js) extracts it. */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await task.destroy();
  return pages;
}

/** Renders a PDF file to PNG pages with poppler's pdftoppm; returns the page files. */
export function renderPages(pdfFile: string, outDir: string, prefix: string, dpi = 50): string[] {
  mkdirSync(outDir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdfFile, join(outDir, prefix)]);
  return readdirSync(outDir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png')).sort().map((f) => join(outDir, f));
}

/** Size of a PNG, and whether a band of it (in pixels) holds nothing but white. */
export async function pngInfo(file: string) {
  const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
  const blank = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.max(0, y0); y < Math.min(info.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(info.width, x1); x++) if (data[y * info.width + x]! < 245) return false;
    }
    return true;
  };
  return { width: info.width, height: info.height, blank };
}
