import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** The text of each page of a PDF, as a reader extracts it (poppler's pdftotext, UTF-8). */
export function pdfText(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'station-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\f').filter((p) => p.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders a PDF to PNG pages with poppler's pdftoppm; returns the page files. */
export function renderPages(pdf: Buffer, outDir: string, prefix: string, dpi = 50): string[] {
  mkdirSync(outDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'station-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), join(dir, 'doc.pdf'), join(outDir, prefix)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
