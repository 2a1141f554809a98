import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { openStation } from '../../electron/host/open-station';
import { createReport } from '../../electron/services/intake/reports';
import { pdfText } from '../support/pdf';
import { fillSetup, LANG_SON, signIn, stationPerTest } from '../support/serve';
import { officerWithAccount, form, signInForTest, TEST_LOGIN, TEST_PASSWORD } from '../support/station';

// Issue 10.1 at the desk: the first run creates the admin; the screen locks after the idle minutes (and on
// Ctrl+Alt+L) over the call being typed, and only the password opens it; five wrong passwords lock the account.

const station = stationPerTest();

test('first run: the admin sets up the unit, chooses a login and password, and is then at the desk', async ({ page }) => {
  const { url } = await station.start({ account: false });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Khởi tạo trạm tiếp nhận' })).toBeVisible();
  await expect(page.getByLabel('Tên cơ quan chủ quản (dòng trên của tiêu đề)')).toBeFocused();
  await fillSetup(page, LANG_SON);
  await page.getByLabel('Nhập lại mật khẩu').fill('một câu dài khác');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Hai lần nhập mật khẩu không khớp.');
  await page.getByLabel('Nhập lại mật khẩu').fill('một câu dài dễ nhớ');
  await page.keyboard.press('Enter');
  // The recovery key of the identities' data key, shown this once: the officer stores it, then goes on.
  await expect(page.getByRole('heading', { name: 'Khóa khôi phục dữ liệu danh tính' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Khóa khôi phục dữ liệu danh tính' }).locator('code')).toHaveText(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
  // An Enter out of habit does not wave it away: the officer ticks that it is kept, then goes on.
  const kept = page.getByLabel('Tôi đã chép hoặc in khóa khôi phục và sẽ cất riêng, niêm phong');
  await expect(kept).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Đã cất khóa khôi phục, tiếp tục' })).toBeDisabled();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Đã cất khóa khôi phục, tiếp tục' }).click();
  await expect(page.getByText('Cán bộ trực: Nguyễn Văn Quản')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Cán bộ trực: Nguyễn Văn Quản')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Khóa khôi phục dữ liệu danh tính' })).toHaveCount(0);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
});

test('the screen locks when left idle, keeps the call being typed, and opens only with the password', async ({ page }) => {
  await page.clock.install();
  await station.open(page);
  await page.getByLabel('Nội dung phản ánh').fill('Xe tải chở cát không che bạt');
  await page.clock.fastForward('10:01');
  const lock = page.getByRole('dialog', { name: 'Màn hình đang khóa' });
  await expect(lock).toBeVisible();
  await expect(lock.getByLabel('Mật khẩu')).toBeFocused();
  await page.keyboard.type('sai mật khẩu');
  await page.keyboard.press('Enter');
  await expect(lock.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await lock.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(lock).toHaveCount(0);
  await expect(page.getByLabel('Nội dung phản ánh')).toHaveValue('Xe tải chở cát không che bạt');
  // Ctrl+Alt+L locks at once.
  await page.keyboard.press('Control+Alt+l');
  await expect(lock).toBeVisible();
});

test('five wrong passwords lock the account; the right one is refused until the lockout ends', async ({ page }) => {
  const { url } = await station.open(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('Tên đăng nhập').fill(TEST_LOGIN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(`sai lần ${i}`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText(i < 5 ? 'Tên đăng nhập hoặc mật khẩu không đúng.' : /^Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần, đến \d\d:\d\d/);
  }
  await page.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Tài khoản tạm khóa/);
  await expect(signIn(page, url)).rejects.toThrow();
});

test('the first-run, sign-in and lock screens: no serious or critical accessibility violation', async ({ page }) => {
  const check = async (screen: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), screen).toEqual([]);
    await page.screenshot({ path: `tests/.artifacts/screens/${screen}-1366x768.png` });
  };
  await page.setViewportSize({ width: 1366, height: 768 });
  const { url } = await station.start({ account: false });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Khởi tạo trạm tiếp nhận' })).toBeVisible();
  await check('first-run');
  await fillSetup(page, LANG_SON);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Khóa khôi phục dữ liệu danh tính' })).toBeVisible();
  await check('recovery-key');
  await page.getByLabel('Tôi đã chép hoặc in khóa khôi phục và sẽ cất riêng, niêm phong').check();
  await page.getByRole('button', { name: 'Đã cất khóa khôi phục, tiếp tục' }).click();
  await page.getByRole('button', { name: 'Khóa màn hình (Ctrl+Alt+L)' }).click();
  await expect(page.getByRole('dialog', { name: 'Màn hình đang khóa' })).toBeVisible();
  await check('lock-screen');
  await page.getByRole('dialog').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await check('sign-in');
});

test('a duty officer cannot see a reporter\'s identity; a supervisor can after giving a reason, and the history says why', async ({ page }) => {
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(new Date()).slice(0, 16), occurredAt: '' }));
  for (const [login, name, role] of [['truc', 'Trần Văn Trực', 'duty'], ['chihuy', 'Phạm Văn Chỉ Huy', 'supervisor']] as const) {
    await officerWithAccount(seeded, name, { login, password: TEST_PASSWORD, roles: [role] });
  }
  await seeded.close();
  const { url } = await station.start();

  await signIn(page, `${url}#/phan-anh/${report.code}`, 'truc');
  const reporter = page.getByRole('region', { name: 'Người cung cấp thông tin (bảo mật danh tính)' });
  await reporter.getByRole('button', { name: 'Xem danh tính (được ghi nhật ký)…' }).click();
  await reporter.getByLabel(/Lý do xem danh tính/).fill('gọi lại xác minh');
  await reporter.getByRole('button', { name: 'Xem danh tính', exact: true }).click();
  await expect(reporter.getByRole('alert')).toContainText('không có quyền xem danh tính người phản ánh (quyền của: Lãnh đạo, chỉ huy)');
  await expect(reporter).not.toContainText('Nguyễn Văn An');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, `${url}#/phan-anh/${report.code}`, 'chihuy');
  await reporter.getByRole('button', { name: 'Xem danh tính (được ghi nhật ký)…' }).click();
  await expect(reporter.getByRole('button', { name: 'Xem danh tính', exact: true })).toBeDisabled();
  await reporter.getByLabel(/Lý do xem danh tính/).fill('gửi thông báo kết quả');
  await reporter.getByRole('button', { name: 'Xem danh tính', exact: true }).click();
  await expect(reporter).toContainText('Nguyễn Văn An');
  await expect(reporter).toContainText('062090001234');
  const history = page.getByRole('table').last();
  await expect(history).toContainText('Phạm Văn Chỉ Huy');
  await expect(history).toContainText('Xem danh tính người phản ánh: gửi thông báo kết quả');

  // The audit screen shows the look, filtered by report and action, and exports it to PDF.
  await page.getByRole('button', { name: 'Nhật ký' }).click();
  const audit = page.getByRole('region', { name: 'Nhật ký hệ thống' });
  // A date that does not exist blocks the filter instead of being ignored.
  await audit.getByLabel('Từ ngày').fill('31/02');
  await expect(audit.getByRole('button', { name: 'Lọc' })).toBeDisabled();
  await audit.getByLabel('Từ ngày').fill('');
  await audit.getByLabel('Mã phản ánh').fill(report.code);
  await audit.getByLabel('Loại thao tác').selectOption({ label: 'Xem danh tính người phản ánh' });
  await audit.getByRole('button', { name: 'Lọc' }).click();
  const rows = audit.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Phạm Văn Chỉ Huy');
  await expect(rows.nth(1)).toContainText('Xem danh tính người phản ánh: gửi thông báo kết quả');
  await expect(rows.nth(1)).not.toContainText('Trần Văn Trực'); // the refused attempt never reached the handler
  const [download] = await Promise.all([page.waitForEvent('download'), audit.getByRole('button', { name: 'Xuất PDF' }).click()]);
  const text = pdfText(readFileSync(await download.path())).join(' ').replace(/\s+/g, ' ');
  expect(text).toContain('NHẬT KÝ HỆ THỐNG');
  expect(text).toContain('Xem danh tính người phản ánh: gửi thông báo kết quả');
  expect(text).not.toContain('Nguyễn Văn An');
});

test('at the reporter\'s request a supervisor exports what is held about them, then erases the identity with a reason; the report stays, anonymous', async ({ page }) => {
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(new Date()).slice(0, 16), occurredAt: '' }));
  await seeded.close();
  await station.open(page, `#/phan-anh/${report.code}`);
  const reporter = page.getByRole('region', { name: 'Người cung cấp thông tin (bảo mật danh tính)' });
  await reporter.getByRole('button', { name: 'Xem danh tính (được ghi nhật ký)…' }).click();
  await reporter.getByLabel(/Lý do xem danh tính/).fill('tiếp nhận đơn đề nghị xóa dữ liệu');
  await page.keyboard.press('Enter');
  await expect(reporter).toContainText('Nguyễn Văn An');
  // First, what the station holds about them, for them to take away: a PDF and the same as JSON.
  await reporter.getByRole('button', { name: 'Xuất dữ liệu của người phản ánh (PDF và JSON)…' }).click();
  await reporter.getByLabel(/Lý do \(ví dụ: đơn đề nghị cung cấp/).fill('Đơn đề nghị cung cấp dữ liệu');
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await reporter.getByRole('button', { name: 'Xuất dữ liệu', exact: true }).click();
  await expect.poll(() => downloads.sort()).toEqual([`du-lieu-nguoi-phan-anh-${report.code}.json`, `du-lieu-nguoi-phan-anh-${report.code}.pdf`]);
  await reporter.getByRole('button', { name: 'Xóa danh tính theo yêu cầu của người phản ánh…' }).click();
  await reporter.getByLabel(/Lý do \(ví dụ: đơn đề nghị/).fill('Đơn đề nghị ngày 01/12/2026');
  await reporter.getByRole('button', { name: 'Xóa danh tính', exact: true }).click();
  await expect(reporter).toContainText('Người phản ánh giấu tên.');
  await expect(reporter).not.toContainText('Nguyễn Văn An');
  await expect(page.getByRole('table').last()).toContainText('Xóa danh tính người phản ánh theo yêu cầu: Đơn đề nghị ngày 01/12/2026');
  await expect(page.getByRole('heading', { name: `Phản ánh ${report.code}` })).toBeVisible();
});
