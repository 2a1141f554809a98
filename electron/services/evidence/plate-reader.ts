import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cleanLines, encode, type Line, loadSharp } from './plate-image';
import { normalizePlate } from '../../contract/domain/plate';

// Reads the licence plate inside the officer's drag box on a photo or a still, offline: Tesseract (tesseract.js,
// WebAssembly in a worker thread) with the English model shipped in node_modules, never a download. The picture
// is cleaned first, because Tesseract reads a straight, clean line of text well and a plate in a street scene
// badly: the box is cut out, straightened, evened out (shade, dim light) into dark text on light, each line of the
// plate found as a row of character-sized blobs (this also drops the plate's border, its edges and the street
// around it), and each line read on its own as a single line of plate characters. What Tesseract reads is then
// held to the plate rules (normalizePlate): a letter read where the layout needs a digit is taken for the digit it
// looks like, and the other way round, but a character is never added, so a plate it could not read is null, not
// a guess.

export interface PlateBox { left: number; top: number; width: number; height: number }

export interface PlateRead {
  /** The canonical plate (normalizePlate) when what was read is a plausible plate; else null. */
  text: string | null;
  /** What Tesseract read, the plate's lines joined by a space. */
  raw: string;
  lines: string[];
  /** Tesseract's mean confidence over the lines, 0–100. */
  confidence: number;
  /** PNG of the cleaned, straightened lines that were read: kept as a derived evidence item. */
  crop: Buffer;
}

// Digits, the series letters (never I, J, O, Q, W) and the separators printed on plates.
const WHITELIST = '0123456789ABCDEFGHKLMNPSTUVXYZ-.';

type TesseractWorker = import('tesseract.js').Worker;
let starting: Promise<TesseractWorker> | null = null;

/**
 * The one worker of this process, started on first use and then reused: starting it (the WebAssembly core and
 * the 3 MB model read from node_modules) takes 0.4–1.5 s on a 2-core desk, so the first read pays that once
 * (startPlateReader starts it ahead). Reads after it take some tens of milliseconds.
 */
function plateWorker(): Promise<TesseractWorker> {
  starting ??= startWorker().catch((error: unknown) => {
    starting = null;
    throw error;
  });
  return starting;
}

async function startWorker(): Promise<TesseractWorker> {
  // Resolved at run time from this module's place (node_modules, or app.asar.unpacked when packaged), never bundled.
  const load = createRequire(import.meta.url);
  const resolveDir = (name: string, from: NodeJS.Require = load) => {
    try {
      return dirname(from.resolve(`${name}/package.json`));
    } catch (error) {
      throw new Error(`Plate reader cannot start: ${name} is not installed (${(error as Error).message})`, { cause: error });
    }
  };
  const tesseractDir = resolveDir('tesseract.js');
  // The WebAssembly core is required by the worker from tesseract.js's own node_modules resolution.
  const corePath = resolveDir('tesseract.js-core', createRequire(join(tesseractDir, 'package.json')));
  // The LSTM model only ("best_int", 3 MB), read from disk: langPath a folder, gzip, and no cache written to cwd.
  const langPath = join(resolveDir('@tesseract.js-data/eng'), '4.0.0_best_int');
  const workerPath = join(tesseractDir, 'src', 'worker-script', 'node', 'index.js');
  for (const file of [join(langPath, 'eng.traineddata.gz'), workerPath]) {
    // A missing worker script would surface as an unhandled 'error' event of the worker thread: checked first.
    if (!existsSync(file)) throw new Error(`Plate reader cannot start: ${file} is missing`);
  }
  const tesseract = load('tesseract.js') as typeof import('tesseract.js');
  let failure = '';
  const created = tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
    langPath, gzip: true, cacheMethod: 'none', workerPath, corePath,
    // Without a handler, tesseract.js throws a worker's failure from its message listener (an uncaught exception).
    errorHandler: (error: unknown) => { failure = String(error); },
    logger: () => {},
  }, { load_system_dawg: '0', load_freq_dawg: '0' });
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  // A model that fails to load leaves createWorker's promise pending for ever: bounded here, and a worker that
  // starts after all is ended.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new Error(`Plate reader cannot start: Tesseract did not start in 60 s ${failure}`.trim()));
    }, 60_000);
  });
  created.then((worker) => {
    if (late) void worker.terminate();
  }, () => {});
  try {
    const worker = await Promise.race([created, timeout]);
    await worker.setParameters({
      tessedit_pageseg_mode: tesseract.PSM.SINGLE_LINE,
      tessedit_char_whitelist: WHITELIST,
      user_defined_dpi: '300',
    });
    return worker;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(reason.startsWith('Plate reader') ? reason : `Plate reader cannot start: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the worker ahead of the first read (when the officer opens the plate tool, say): the read is then quick. */
export async function startPlateReader(): Promise<void> {
  await plateWorker();
}

/** Ends the worker thread (tests, shutdown); the next read starts a new one. */
export async function closePlateReader(): Promise<void> {
  const worker = starting;
  starting = null;
  if (worker) await (await worker.catch(() => null))?.terminate();
}


/**
 * Reads the plate in `box` (the officer's drag, in the picture's pixels as shown, EXIF orientation applied; null:
 * the whole picture is the plate). Throws an Error when the box holds no picture or the reader cannot start.
 */
export async function readPlate(image: Buffer, box: PlateBox | null): Promise<PlateRead> {
  // Started while the picture is cleaned; a failure to start is thrown below, when the worker is awaited.
  const starting = plateWorker();
  starting.catch(() => {});
  const { lines, shown } = await cleanLines(image, box);
  const worker = await starting;
  let attempt: Attempt = { texts: [], confidence: 0, plate: null };
  // Tesseract's line reader now and then doubles or drops a character at one size and not at another: a read that
  // is no plate is read again larger, then smaller (each read takes some tens of milliseconds).
  for (const scale of lines.length ? RETRY_SCALES : []) {
    const next = await readLines(worker, lines, scale);
    if (scale === 1 || next.plate) attempt = next;
    if (attempt.plate) break;
  }
  return {
    text: attempt.plate,
    raw: attempt.texts.join(' '),
    lines: attempt.texts,
    confidence: attempt.confidence,
    crop: await encode(shown),
  };
}

const RETRY_SCALES = [1, 1.25, 0.8];

interface Attempt { texts: string[]; confidence: number; plate: string | null }

async function readLines(worker: TesseractWorker, lines: Line[], scale: number): Promise<Attempt> {
  const texts: string[] = [];
  let confidence = 0;
  for (const line of lines) {
    let png = await encode(line.image);
    if (scale !== 1) png = await (await loadSharp())(png).resize(Math.round(line.image.width * scale), Math.round(line.image.height * scale)).png().toBuffer();
    const { data } = await worker.recognize(png).catch(async (error: unknown) => {
      // A worker that failed once (its WebAssembly memory, say) is not trusted again: the next read starts another.
      await closePlateReader();
      throw new Error(`Plate reader: Tesseract failed (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    });
    texts.push(data.text.replace(/\s+/g, ''));
    confidence += data.confidence / lines.length;
  }
  return { texts, confidence: Math.round(confidence), plate: plateOf(texts, lines.map((l) => l.textWidth)) };
}

// What Tesseract mistakes on plates, by the character the plate rules need at that place. Only one-way confusions
// are turned: measured on the generated plates, a 1 where a letter must be is as often an L as a T, a 7 a T or a
// Z, and a T where a digit must be a 1 or a 7, so those are not guessed (the line is read again at another size).
const AS_DIGIT: Record<string, string> = { D: '0', U: '0', B: '8', S: '5', Z: '2', G: '6', L: '1', A: '4' };
const AS_LETTER: Record<string, string> = { '0': 'D', '8': 'B', '5': 'S', '2': 'Z', '6': 'G', '4': 'A' };
const group = (digits: string) => (digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits);

/** A line's letters and digits (the dash and dots dropped: the layout places them). */
const symbolsOf = (line: string) => [...line].filter((c) => /[0-9A-Z]/.test(c));
const digits = (symbols: string[]) => symbols.map((c) => (/\d/.test(c) ? c : AS_DIGIT[c] ?? c)).join('');
const letter = (c: string) => (/[A-Z]/.test(c) ? c : AS_LETTER[c] ?? c);

/**
 * The plate the lines spell, by the layouts plates have: one line "30A-123.45" (a car; "80NG-…", "51LD-…" for
 * the special series), or two lines "30A" over "123.45" (a short car plate) or "29-B1"/"29-AA" over "123.45" (a
 * motorbike). Only what was read is used, each character taken as the digit or letter its place needs; null when
 * that is not a plausible plate.
 */
function plateOf(lines: string[], widths: number[]): string | null {
  const symbols = lines.map(symbolsOf);
  const typed: string[] = [];
  if (symbols.length === 1) {
    const s = symbols[0]!;
    // A special series' two letters, as read (the plate rules know which pairs those are).
    if ((s.length === 8 || s.length === 9) && /[A-Z]{2}/.test(s[2]! + s[3]!)) typed.push(`${digits(s.slice(0, 2))}${s[2]}${s[3]}-${group(digits(s.slice(4)))}`);
    // Province, one series letter, 4 or 5 digits.
    if (s.length === 7 || s.length === 8) typed.push(`${digits(s.slice(0, 2))}${letter(s[2]!)}-${group(digits(s.slice(3)))}`);
  } else if (symbols.length === 2) {
    const [top, bottom] = symbols as [string[], string[]];
    const number = bottom.length === 4 || bottom.length === 5 ? group(digits(bottom)) : null;
    // Measured in characters as wide as the number's: a short car plate's top line ("30A") is 3 wide, a
    // motorbike's ("29-B1") 4.5. Three characters on a line that wide are a motorbike's with one not read.
    const character = widths[1]! / (bottom.length + (bottom.length === 5 ? 0.5 : 0));
    if (number && top.length === 3 && widths[0]! < 3.8 * character) typed.push(`${digits(top.slice(0, 2))}${letter(top[2]!)}-${number}`);
    if (number && top.length === 4) typed.push(`${digits(top.slice(0, 2))}-${letter(top[2]!)}${top[3]!} ${number}`);
  }
  for (const candidate of typed) {
    const plate = normalizePlate(candidate);
    // Series T and the country-code series are plates too, flagged for the officer to check. A one-line plate is
    // never a motorbike's.
    const flagsOk = plate.flags.every((f) => f === 'series-t-unsure' || f === 'special-unsure');
    if (flagsOk && !(symbols.length === 1 && plate.kind === 'motorbike')) return plate.canonical;
  }
  return null;
}
