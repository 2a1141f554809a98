import { describe, expect, it } from 'vitest';
import { boldWidth, issuerLines } from '../../../electron/services/documents/admin-layout';
import { articleInWords } from '../../../electron/services/documents/report-documents';

// The issuer's name in the letterhead: one line when it fits, else broken between phrases, never inside one.
const COLUMN = 199.8; // the A4 issuer column (44 % of 165 mm) less its safety margin, in points

describe('issuer lines', () => {
  it('keeps a name that fits on one line', () => {
    expect(issuerLines('Phòng Cảnh sát giao thông', COLUMN, 12.5)).toEqual(['PHÒNG CẢNH SÁT GIAO THÔNG']);
    expect(issuerLines('Công an tỉnh Kon Tum', COLUMN, 12.5)).toEqual(['CÔNG AN TỈNH KON TUM']);
  });

  it('breaks a long name between phrases, before a linking word, and keeps a place name whole', () => {
    expect(issuerLines('Phòng Cảnh sát quản lý hành chính về trật tự xã hội', COLUMN, 12.5))
      .toEqual(['PHÒNG CẢNH SÁT', 'QUẢN LÝ HÀNH CHÍNH', 'VỀ TRẬT TỰ XÃ HỘI']);
    expect(issuerLines('Công an phường Đăk Cấm thuộc tỉnh Quảng Ngãi', COLUMN, 12.5))
      .toEqual(['CÔNG AN PHƯỜNG ĐĂK CẤM', 'THUỘC TỈNH QUẢNG NGÃI']);
    for (const line of issuerLines('Đội Cảnh sát giao thông, trật tự Công an thành phố Hồ Chí Minh', COLUMN, 12.5)) {
      expect(boldWidth(line, 12.5)).toBeLessThanOrEqual(COLUMN);
    }
  });
});

describe('articles of the decree in words', () => {
  it.each([
    ['6.9.b', 'điểm b khoản 9 Điều 6'], ['6.12', 'khoản 12 Điều 6'], ['6.1–6.7', 'khoản 1 đến khoản 7 Điều 6'],
    ['21.2.a–21.8.a', 'điểm a khoản 2 đến điểm a khoản 8 Điều 21'], ['32', 'Điều 32'],
  ])('%s → %s', (code, text) => expect(articleInWords(code)).toBe(text));
});
