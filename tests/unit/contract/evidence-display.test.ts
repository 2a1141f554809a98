import { describe, expect, it } from 'vitest';
import { deviceName, formatName, shownCodecs } from '../../../electron/contract/domain/evidence-display';
import { vi } from '../../../electron/contract/messages.vi';
import { formatBytes } from '../../../renderer/src/lib/format';

describe('evidence facts as an officer reads them', () => {
  it('names formats as people call the files', () => {
    expect(['matroska', 'mpegts', 'mp4', 'mov', 'avi', '3gp', 'jpeg', 'png'].map(formatName))
      .toEqual(['MKV', 'MTS', 'MP4', 'MOV', 'AVI', '3GP', 'JPG', 'PNG']);
    expect(formatName('unknown')).toBe('');
  });

  it('names a camera once when the model repeats the make, whatever the case', () => {
    expect(deviceName('Canon', 'Canon EOS 40D')).toBe('Canon EOS 40D');
    expect(deviceName('CANON', 'Canon EOS 40D')).toBe('Canon EOS 40D');
    expect(deviceName('Apple', 'iPhone 15')).toBe('Apple iPhone 15');
    expect(deviceName('NIKON CORPORATION', 'NIKON D750')).toBe('NIKON CORPORATION NIKON D750');
    expect(deviceName(null, 'SM-G991B')).toBe('SM-G991B');
    expect(deviceName('samsung', null)).toBe('samsung');
    expect(deviceName(null, null)).toBeNull();
    expect(deviceName(' ', '')).toBeNull();
  });

  it('keeps audio and video codecs only', () => {
    expect(shownCodecs('h264, aac, bin_data')).toBe('h264, aac');
    expect(shownCodecs('bin_data')).toBeNull();
    expect(shownCodecs(null)).toBeNull();
  });

  it('writes decimals with a comma, whatever the process locale', () => {
    expect(vi.evidence.duration(13)).toBe('13,0 giây');
    expect(vi.evidence.duration(2.25)).toMatch(/^2,[23] giây$/);
    expect(formatBytes(2.3 * 1024 * 1024)).toBe('2,3 MB');
    expect(formatBytes(1536)).toBe('1,5 KB');
  });
});
