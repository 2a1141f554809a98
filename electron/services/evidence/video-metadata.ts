import { readBox, topLevelBoxes } from './bmff';
import { fromIso } from './capture-time';
import { parseIso6709 } from './geo';
import { checkVideo } from './integrity';
import { jsonSafe, type MediaFacts, noFacts, text } from './media-facts';
import { runTool, tools } from './tools';

// Videos through ffprobe (exifr does not read MP4/MOV). Phones write time and place under many names:
// creation_time, Apple's mdta keys, Android's ©xyz ("location"), 3GPP loci.

const PROBE_TIMEOUT_MS = 10_000;

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}
interface Probe {
  format?: { duration?: string; tags?: Record<string, string> };
  streams?: ProbeStream[];
}

function tag(tags: Record<string, string>, ...names: string[]): string | null {
  const lower = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
  for (const n of names) {
    const v = text(lower.get(n.toLowerCase()));
    if (v) return v;
  }
  return null;
}

async function probe(path: string): Promise<Probe> {
  const out = await runTool(tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], PROBE_TIMEOUT_MS);
  return JSON.parse(out.toString('utf8')) as Probe;
}

/**
 * The tool that last wrote the file, from XMP in moov/udta (After Effects, Premiere, CapCut export XMP;
 * ffprobe does not show it).
 */
async function xmpCreatorTool(path: string): Promise<string | null> {
  const { boxes } = await topLevelBoxes(path);
  const moov = boxes.find((b) => b.type === 'moov');
  if (!moov) return null;
  const xml = (await readBox(path, moov, 32 * 1024 * 1024)).toString('latin1');
  const m = /<xmp:CreatorTool>([^<]{1,200})<|xmp:CreatorTool="([^"]{1,200})"/.exec(xml);
  return m ? text(Buffer.from(m[1] ?? m[2]!, 'latin1').toString('utf8')) : null;
}

export async function videoFacts(path: string, format: string): Promise<MediaFacts> {
  const p = await probe(path);
  const tags = p.format?.tags ?? {};
  const video = p.streams?.find((s) => s.codec_type === 'video');
  const streamTags = video?.tags ?? {};
  const all = { ...streamTags, ...tags };
  const capture = fromIso(tag(all, 'com.apple.quicktime.creationdate'))
    ?? fromIso(tag(tags, 'creation_time'))
    ?? fromIso(tag(streamTags, 'creation_time'));
  const iso6709 = tag(all, 'com.apple.quicktime.location.ISO6709', 'location', 'location-eng', 'com.android.location');
  // Display-matrix side data counts counter-clockwise; the older "rotate" tag clockwise.
  const sideRotation = video?.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const rotation = sideRotation !== undefined ? -sideRotation : Number(streamTags.rotate ?? NaN);
  const duration = Number(p.format?.duration);
  // Format-level tags only: a stream's "encoder" tag is often just the codec's name ("H.264").
  const creatorTool = format === 'mov' || format === 'mp4' || format === '3gp' ? await xmpCreatorTool(path) : null;
  const encoder = creatorTool ?? tag(tags, 'com.apple.quicktime.software', 'software', 'encoder', 'encoded_by', 'com.android.version');
  return {
    ...noFacts(jsonSafe({ format: p.format, streams: p.streams }) as Record<string, unknown>),
    capture,
    location: iso6709 ? parseIso6709(iso6709) : null,
    make: tag(all, 'com.apple.quicktime.make', 'make', 'com.android.manufacturer', 'manufacturer'),
    model: tag(all, 'com.apple.quicktime.model', 'model', 'com.android.model'),
    software: encoder,
    width: video?.width ?? null,
    height: video?.height ?? null,
    rotation: Number.isFinite(rotation) ? ((Math.round(rotation) % 360) + 360) % 360 : null,
    durationS: Number.isFinite(duration) ? duration : null,
    codecs: (p.streams ?? []).map((s) => s.codec_name).filter(Boolean).join(', ') || null,
    damage: await checkVideo(path, format),
  };
}
