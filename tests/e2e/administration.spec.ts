import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pdfText } from '../support/pdf';
import { fillSetup, LANG_SON, signIn, stationPerTest } from '../support/serve';

// Issue 11: a new station belongs to no unit until its admin sets one up; the admin then keeps the unit and its
// officers, and what the admin typed is what the letters print.

const station = stationPerTest();

test('a fresh station set up for Phòng CSGT, Công an tỉnh Lạng Sơn; two officers and a hotline added; the forwarding letter carries its letterhead, place and symbol', async ({ page }) => {
  const { url } = await station.start({ account: false });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Khởi tạo trạm tiếp nhận' })).toBeVisible();
  // A commune is one of the chosen province's, on today's map.
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Quảng Ngãi' });
  await expect(page.getByLabel('Xã, phường, đặc khu nơi đóng trụ sở').locator('option')).toHaveCount(97);
  await fillSetup(page, { ...LANG_SON, hotlines: '0205.3870.113' });
  await expect(page.getByLabel('Xã, phường, đặc khu nơi đóng trụ sở').locator('option')).toHaveCount(66);
  // Nothing is taken for granted: a symbol with a slash is refused by name.
  await page.getByLabel('Ký hiệu đơn vị ban hành').fill('PC/08');
  await page.getByRole('button', { name: 'Khởi tạo trạm và đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('"Ký hiệu đơn vị ban hành" chỉ gồm chữ in hoa');
  await page.getByLabel('Ký hiệu đơn vị ban hành').fill('PC08');
  await page.getByRole('button', { name: 'Khởi tạo trạm và đăng nhập' }).click();
  await page.getByLabel('Tôi đã chép hoặc in khóa khôi phục và sẽ cất riêng, niêm phong').check();
  await page.getByRole('button', { name: 'Đã cất khóa khôi phục, tiếp tục' }).click();
  await expect(page.getByRole('banner')).toContainText('Phòng Cảnh sát giao thông — Công an tỉnh Lạng Sơn');

  // The admin screen: a second hotline, then two officers (one with an account, one without).
  await page.getByRole('button', { name: 'Quản trị' }).click();
  const unit = page.getByRole('form', { name: 'Đơn vị' });
  await expect(unit.getByLabel('Xã, phường, đặc khu nơi đóng trụ sở')).toHaveValue('05986');
  await unit.getByLabel('Đường dây nóng').fill('0205.3870.113\n0205 3812 345');
  await unit.getByRole('button', { name: 'Lưu thông tin đơn vị' }).click();
  await expect(unit.getByRole('status')).toHaveText('Đã lưu.');

  await page.getByRole('tab', { name: 'Cán bộ, tài khoản' }).click();
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  let officer = page.getByRole('form', { name: 'Thêm cán bộ' });
  await officer.getByLabel('Họ tên').fill('Hoàng Văn Trực');
  await officer.getByLabel('Cấp bậc').fill('Trung úy');
  await officer.getByLabel('Tên đăng nhập').fill('truc');
  await officer.getByLabel('Mật khẩu mới').fill('mật khẩu trực ban 2026');
  await officer.getByRole('button', { name: 'Lưu cán bộ' }).click();
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  officer = page.getByRole('form', { name: 'Thêm cán bộ' });
  await officer.getByLabel('Họ tên').fill('Lộc Thị Thư');
  await officer.getByLabel('Cán bộ trực ban').uncheck();
  await officer.getByLabel('Văn thư').check();
  await officer.getByRole('button', { name: 'Lưu cán bộ' }).click();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Hoàng Văn Trực' })).toContainText('Cán bộ trực ban');
  await expect(rows.filter({ hasText: 'Hoàng Văn Trực' })).toContainText('truc');
  await expect(rows.filter({ hasText: 'Lộc Thị Thư' })).toContainText('Văn thư');
  await expect(rows.filter({ hasText: 'Lộc Thị Thư' })).toContainText('Chưa có tài khoản');
  // The last admin cannot take the admin role away from themselves.
  await page.getByRole('button', { name: 'Sửa: Nguyễn Văn Quản' }).click();
  const self = page.getByRole('form', { name: 'Sửa' });
  for (const role of ['Cán bộ trực ban', 'Cán bộ quản lý chứng cứ', 'Văn thư', 'Lãnh đạo, chỉ huy']) await self.getByLabel(role).check();
  await self.getByLabel('Quản trị viên').uncheck();
  await self.getByRole('button', { name: 'Lưu cán bộ' }).click();
  await expect(self.getByRole('alert')).toHaveText('Không thể lưu: trạm phải còn ít nhất một quản trị viên đang công tác có tài khoản.');
  await self.getByRole('button', { name: 'Hủy' }).click();

  // The new duty officer signs in; the call came in on the second hotline, the place as the caller named it.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, url, 'truc', 'mật khẩu trực ban 2026');
  await expect(page.getByRole('button', { name: 'Quản trị' })).toHaveCount(0);
  await expect(page.getByLabel('Gọi vào đường dây nóng')).toHaveValue('');
  await page.getByLabel('Gọi vào đường dây nóng').selectOption('0205 3812 345');
  await page.getByLabel('Tuyến đường').fill('Quốc lộ 1A');
  const commune = page.getByLabel('Xã, phường', { exact: true });
  await commune.fill('thị trấn Đồng Đăng');
  await expect(page.getByRole('option', { name: /Thị trấn Đồng Đăng \(cũ, Huyện Cao Lộc\)/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Người báo nói: “thị trấn Đồng Đăng” (địa danh cũ)')).toBeVisible();
  await page.getByLabel('Nội dung phản ánh').fill('Xe tải chở hàng quá khổ đi qua cửa khẩu.');
  await page.keyboard.press('Control+s');
  const saved = page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' });
  const code = /PA-\d{4}-000001/.exec((await saved.textContent())!)![0];

  // The admin (who also signs as clerk here) issues the forwarding letter.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, `${url}#/phan-anh/${code}`, LANG_SON.admin.login, LANG_SON.admin.password);
  const facts = page.locator('dl.facts').first();
  await expect(facts).toContainText('0205 3812 345');
  await expect(facts).toContainText('thị trấn Đồng Đăng');
  const docs = page.getByRole('region', { name: 'Văn bản' });
  await docs.getByLabel('Kính gửi (cơ quan nhận)').fill('Ủy ban nhân dân xã Đồng Đăng');
  await docs.getByLabel('Họ tên người ký').fill('Trần Văn Bình');
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  await docs.getByRole('button', { name: 'Cấp số 01/PC08-TTPA' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), docs.getByRole('link', { name: 'Tải PDF để in' }).click()]);
  const letter = pdfText(readFileSync(await download.path())).join(' ').replace(/\s+/g, ' ');
  for (const part of [
    'CÔNG AN TỈNH LẠNG SƠN', 'PHÒNG CẢNH SÁT GIAO THÔNG', 'Số: 01/PC08-TTPA', 'Lạng Sơn, ngày', 'KT. TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG',
    'điện thoại: 0205.3870.113', 'Lưu: VT, TTPA',
  ]) expect(letter).toContain(part);
  for (const stale of ['KON TUM', 'Kon Tum', 'Quảng Ngãi']) expect(letter).not.toContain(stale);
});

test('the admin keeps the violation types: fines typed as the decree prints them, a bad one refused by name, the intake list follows at once', async ({ page }) => {
  await station.open(page, '#/quan-tri');
  await page.getByRole('tab', { name: 'Hành vi vi phạm' }).click();
  await expect(page.getByText(/Phiên bản danh mục đang dùng: .*violation-types 2026\.12\.1/)).toBeVisible();
  await page.getByRole('button', { name: 'Sửa: Không chấp hành hiệu lệnh đèn tín hiệu (vượt đèn đỏ)' }).click();
  const form = page.getByRole('form', { name: 'Sửa' });
  await form.getByLabel('Tên hành vi').fill('Không chấp hành hiệu lệnh của đèn tín hiệu giao thông');
  await form.getByLabel('Mức phạt ô tô (đồng) từ').fill('18.000.000');
  await form.getByLabel('Mức phạt ô tô (đồng) đến').fill('20 triệu');
  await form.getByRole('button', { name: 'Lưu hành vi' }).click();
  await expect(form.getByRole('alert')).toHaveText('"Mức phạt ô tô (đồng) đến" phải là số tiền bằng đồng, ví dụ 18.000.000.');
  await form.getByLabel('Mức phạt ô tô (đồng) đến').fill('20000000');
  await form.getByRole('button', { name: 'Lưu hành vi' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông' });
  await expect(row).toContainText('18.000.000–20.000.000');
  await expect(row).toContainText('đã sửa tại đơn vị');
  await page.keyboard.press('F2');
  await page.getByLabel('Loại vi phạm (gõ để lọc, Enter để chọn)').fill('den tin hieu');
  await expect(page.getByRole('option', { name: /Không chấp hành hiệu lệnh của đèn tín hiệu giao thông/ })).toBeVisible();
});
