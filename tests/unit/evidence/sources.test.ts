import { describe, expect, it } from 'vitest';
import { parseMounts } from '../../../electron/services/evidence/sources';
import { isClutter } from '../../../electron/services/evidence/scan';

describe('drives and clutter', () => {
  it('reads /proc/mounts: escaped spaces, pseudo file systems left out', () => {
    const text = [
      'proc /proc proc rw,nosuid 0 0',
      'tmpfs /run tmpfs rw 0 0',
      '/dev/sda1 / ext4 rw,relatime 0 0',
      '/dev/sdb1 /media/can\\040bo/USB\\040KINGSTON vfat rw,nosuid,nodev 0 0',
      '/dev/mmcblk0p1 /run/media/trucban/THE\\040NHO exfat rw 0 0',
      '',
    ].join('\n');
    expect(parseMounts(text)).toEqual([
      { device: '/dev/sda1', path: '/', fsType: 'ext4' },
      { device: '/dev/sdb1', path: '/media/can bo/USB KINGSTON', fsType: 'vfat' },
      { device: '/dev/mmcblk0p1', path: '/run/media/trucban/THE NHO', fsType: 'exfat' },
    ]);
  });

  it.each(['$RECYCLE.BIN', 'System Volume Information', '.Trashes', '.Spotlight-V100', '._IMG_0001.JPG', 'Thumbs.db', 'desktop.ini', '.DS_Store', '.thumbnails'])(
    'skips %s', (name) => expect(isClutter(name)).toBe(true),
  );
  it.each(['DCIM', 'IMG_0001.JPG', '100ANDRO', 'Camera', 'Ảnh vi phạm.jpg'])('keeps %s', (name) => expect(isClutter(name)).toBe(false));
});
