import { describe, expect, it } from 'vitest';
import { fromExif, fromIso } from '../../../electron/services/evidence/capture-time';
import { parseIso6709 } from '../../../electron/services/evidence/geo';
import { noFacts } from '../../../electron/services/evidence/media-facts';
import { evidenceSigns } from '../../../electron/services/evidence/signs';
import { shippedRules } from '../../../electron/services/workflow/rules';
import { workingCalendar } from '../../../electron/contract/domain/calendar';
import { extensionLies, sniff } from '../../../electron/services/evidence/sniff';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (major: string, ...compat: string[]) => {
  const body = bytes(major, [0, 0, 2, 0], ...compat);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(8 + body.length);
  return bytes([...head], 'ftyp', [...body]);
};

describe('sniff: kind by content, not by name', () => {
  it.each([
    [bytes([0xff, 0xd8, 0xff, 0xe1]), 'photo', 'jpeg'],
    [bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]), 'photo', 'png'],
    [bytes('II', [0x2a, 0]), 'photo', 'tiff'],
    [bytes('MM', [0, 0x2a]), 'photo', 'tiff'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'photo', 'webp'],
    [bytes('RIFF', [0, 0, 0, 0], 'AVI '), 'video', 'avi'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video', 'matroska'],
    [ftyp('heic', 'mif1', 'heic'), 'photo', 'heic'],
    [ftyp('mif1', 'mif1', 'heic'), 'photo', 'heic'],
    [ftyp('mif1', 'mif1', 'miaf'), 'photo', 'heif'],
    [ftyp('avif', 'avif', 'mif1'), 'photo', 'avif'],
    [ftyp('qt  ', 'qt  '), 'video', 'mov'],
    [ftyp('isom', 'isom', 'mp41'), 'video', 'mp4'],
    [ftyp('3gp5', '3gp5'), 'video', '3gp'],
    [bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'), 'video', 'mov'],
    [Buffer.concat([Buffer.from([0x47]), Buffer.alloc(187), Buffer.from([0x47]), Buffer.alloc(187), Buffer.from([0x47]), Buffer.alloc(20)]), 'video', 'mpegts'],
    [bytes('hello, world'), 'other', 'unknown'],
    [Buffer.alloc(0), 'other', 'unknown'],
  ])('%#: %s/%s', (head, kind, format) => expect(sniff(head)).toEqual({ kind, format }));

  it('tells when the extension lies', () => {
    expect(extensionLies('IMG_0001.JPG', { kind: 'photo', format: 'heic' })).toBe(true);
    expect(extensionLies('screenshot.jpg', { kind: 'photo', format: 'png' })).toBe(true);
    expect(extensionLies('IMG_0001.HEIC', { kind: 'photo', format: 'heic' })).toBe(false);
    expect(extensionLies('clip.mp4', { kind: 'video', format: '3gp' })).toBe(false);
    expect(extensionLies('no_extension', { kind: 'photo', format: 'jpeg' })).toBe(false);
    expect(extensionLies('notes.txt', { kind: 'other', format: 'unknown' })).toBe(false);
  });
});

describe('capture time keeps its offset', () => {
  it('combines EXIF DateTimeOriginal with OffsetTimeOriginal', () => {
    expect(fromExif('2026:11:20 14:05:09', '+07:00')).toEqual({ local: '2026-11-20T14:05:09', offset: '+07:00', instant: '2026-11-20T07:05:09.000Z' });
    expect(fromExif('2021:02:13 11:03:31', '-06:00')).toEqual({ local: '2021-02-13T11:03:31', offset: '-06:00', instant: '2021-02-13T17:03:31.000Z' });
    expect(fromExif('2026:01:01 00:30:00', '+0530')).toEqual({ local: '2026-01-01T00:30:00', offset: '+05:30', instant: '2025-12-31T19:00:00.000Z' });
  });
  it('without an offset assumes station time for the instant and says the offset is unknown', () => {
    expect(fromExif('2026:11:20 14:05:09', undefined)).toEqual({ local: '2026-11-20T14:05:09', offset: null, instant: '2026-11-20T07:05:09.000Z' });
  });
  it.each(['0000:00:00 00:00:00', '1970:01:01 00:00:00', '2026:13:01 00:00:00', '2026:02:30 10:00:00', 'garbage', '', '    :  :     :  :  '])(
    'refuses a clock never set or a broken date: %j', (bad) => expect(fromExif(bad, '+07:00')).toBeNull(),
  );
  it('reads video times: UTC creation_time, and Apple creationdate with its offset', () => {
    expect(fromIso('2026-11-20T07:05:09.000000Z')).toEqual({ local: '2026-11-20T07:05:09', offset: '+00:00', instant: '2026-11-20T07:05:09.000Z' });
    expect(fromIso('2019-02-12T15:27:12+0800')).toEqual({ local: '2019-02-12T15:27:12', offset: '+08:00', instant: '2019-02-12T07:27:12.000Z' });
    expect(fromIso('1904-01-01T00:00:00.000000Z')).toBeNull();
    expect(fromIso('1970-01-01T00:00:00.000000Z')).toBeNull();
  });
});

describe('ISO 6709 locations', () => {
  it.each([
    ['+14.3545+108.0076/', { lat: 14.3545, lng: 108.0076 }],
    ['+14.3545+108.0076+012.000/', { lat: 14.3545, lng: 108.0076 }],
    ['+52.3733+4.8900/', { lat: 52.3733, lng: 4.89 }],
    ['-33.8568+151.2153/', { lat: -33.8568, lng: 151.2153 }],
    ['+1421.27+10800.456/', { lat: 14.354500, lng: 108.0076 }],
    ['+142116.2+1080027.36/', { lat: 14.3545, lng: 108.0076 }],
  ])('%s', (text, where) => {
    const got = parseIso6709(text)!;
    expect(got.lat).toBeCloseTo(where.lat, 4);
    expect(got.lng).toBeCloseTo(where.lng, 4);
  });
  it.each(['+00.0000+000.0000/', '', 'nowhere', '+95.0000+010.0000/', '+10.0000+190.0000/'])('no usable location: %j', (text) => {
    expect(parseIso6709(text)).toBeNull();
  });
});

describe('signs for the officer', () => {
  const now = new Date('2026-11-23T03:00:00Z');
  const file = { mtime: new Date('2026-11-20T08:00:00Z'), extensionLies: false, kind: 'photo' };
  const capture = (instant: string) => ({ local: '', offset: '+07:00', instant });
  const calendar = workingCalendar([]);
  it('none for a fresh, untouched photo', () => {
    expect(evidenceSigns({ ...noFacts(), capture: capture('2026-11-20T07:05:09.000Z'), software: 'A546EXXU1AWD1' }, file, now, calendar, shippedRules.rules)).toEqual([]);
  });
  it('editing software, ffmpeg re-encoding, missing or distant capture time, a lying extension, damage', () => {
    expect(evidenceSigns({ ...noFacts(), software: 'Adobe Photoshop CS3 Windows' }, file, now, calendar, shippedRules.rules)).toEqual(['editing-software', 'no-capture-time']);
    expect(evidenceSigns({ ...noFacts(), capture: capture('2026-11-20T07:05:09.000Z'), software: 'Lavf58.76.100' }, file, now, calendar, shippedRules.rules)).toEqual(['re-encoded']);
    expect(evidenceSigns({ ...noFacts(), capture: capture('2026-10-01T07:05:09.000Z') }, { ...file, extensionLies: true }, now, calendar, shippedRules.rules))
      .toEqual(['capture-far-from-file-time', 'extension-lies']);
    expect(evidenceSigns({ ...noFacts(), capture: capture('2026-11-20T07:05:09.000Z'), damage: 'truncated', metadataDamaged: true }, file, now, calendar, shippedRules.rules))
      .toEqual(['truncated', 'metadata-damaged']);
  });
  it('the 1-year limitation (NĐ 168/2024 Đ4): warned 30 days before, flagged after', () => {
    const at = (instant: string) => evidenceSigns({ ...noFacts(), capture: capture(instant) }, { ...file, mtime: new Date(instant) }, now, calendar, shippedRules.rules);
    expect(at('2026-01-01T00:00:00.000Z')).toEqual([]);
    expect(at('2025-12-01T00:00:00.000Z')).toEqual(['near-limitation']);
    expect(at('2025-11-20T00:00:00.000Z')).toEqual(['past-limitation']);
  });
});
