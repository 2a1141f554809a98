import { vi } from '../../../electron/contract/messages.vi';

/** "1,2 GB", the way Vietnamese writes decimals. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** "1 phút 05 giây". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? vi.app.duration(Math.floor(s / 60), String(s % 60).padStart(2, '0')) : vi.app.duration(0, String(s));
}
