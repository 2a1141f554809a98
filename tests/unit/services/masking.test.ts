import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../../../electron/services/intake/reports';

// What every officer sees of a reporter without revealing them (issue 10.4): enough to recognise a repeat
// caller, not enough to name or call them.

describe('masking', () => {
  it('keeps the family name and the first letter of each other word; one word keeps its first letter only', () => {
    expect(maskName('Nguyễn Thị Bảo Minh')).toBe('Nguyễn T** B** M**');
    expect(maskName('  Đặng   Ánh ')).toBe('Đặng Á**');
    expect(maskName('Minh')).toBe('M**');
    expect(maskName('')).toBe('');
  });

  it('shows a number as read back on the phone: its network and last three digits', () => {
    expect(maskPhone('0912 345 678')).toBe('0912 *** 678');
    expect(maskPhone('+84 260 386 2459')).toBe('8426 *** 459');
    expect(maskPhone('1139')).toBe('*** 139');
    expect(maskPhone('113')).toBe('113');
  });
});
