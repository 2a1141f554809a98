// How evidence facts read to an officer: the names people call file formats by, a camera named once, and only
// the streams that are audio or video. The stored values stay as the tools gave them (sniff, ffprobe, EXIF).

/** Container names as sniffed (ffprobe's words) → what officers and citizens call the files. */
const FORMAT_NAMES: Record<string, string> = {
  matroska: 'MKV',
  mpegts: 'MTS',
  mp4: 'MP4',
  mov: 'MOV',
  avi: 'AVI',
  '3gp': '3GP',
  jpeg: 'JPG',
  heic: 'HEIC',
  heif: 'HEIF',
  tiff: 'TIFF',
  cr3: 'CR3',
};

/** "MKV" for matroska, "MTS" for mpegts…; any other format upper-cased; nothing for an unknown one. */
export function formatName(format: string): string {
  if (format === 'unknown' || format === '') return '';
  return FORMAT_NAMES[format] ?? format.toUpperCase();
}

/**
 * "Canon EOS 40D", not "Canon Canon EOS 40D": cameras often write their make into the model too (EXIF Make
 * "Canon", Model "Canon EOS 40D"; "NIKON CORPORATION" / "NIKON D750" is kept whole as both say different things).
 */
export function deviceName(make: string | null, model: string | null): string | null {
  const m = make?.trim() ?? '';
  const d = model?.trim() ?? '';
  if (m !== '' && d.toLocaleLowerCase('vi-VN').startsWith(m.toLocaleLowerCase('vi-VN'))) return d;
  return [m, d].filter((x) => x !== '').join(' ') || null;
}

// ffprobe names data streams too (GPS tracks "bin_data", timecode "none"): not codecs an officer needs.
const NOT_CODECS = new Set(['bin_data', 'none', 'unknown', 'timed_id3', 'mov_text']);

/** "h264, aac" from "h264, aac, bin_data"; null when nothing is left. */
export function shownCodecs(codecs: string | null): string | null {
  const list = (codecs ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '' && !NOT_CODECS.has(c));
  return list.length > 0 ? list.join(', ') : null;
}
