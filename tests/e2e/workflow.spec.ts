import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openStation } from '../../electron/host/open-station';
import { createReport } from '../../electron/services/intake/reports';
import { moveReport } from '../../electron/services/workflow/cases';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { form, signInForTest } from '../support/station';
import { pdfText } from '../support/pdf';
import { stationPerTest } from '../support/serve';

const station = stationPerTest();

test('a report goes from received to forwarded, feedback is recorded and it is closed; one 29 days into verification is due soon', async ({ page }) => {
  // Before the station starts: a report received and accepted for verification 29 days ago (same services, same file).
  const past = new Date(Date.now() - 29 * 86_400_000);
  const seeded = await openStation({ dataDir: station.dataDir, now: () => past });
  await signInForTest(seeded);
  const old = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(past), occurredAt: '' }));
  await moveReport(seeded.station, old.id, { move: 'verify', complex: false, note: '' });
  const fresh = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(past), occurredAt: '', description: 'Ô tô đỗ trên vỉa hè' }));
  await seeded.close();

  await station.open(page);
  await page.keyboard.press('F3');
  const due = page.getByRole('region', { name: 'Sắp đến hạn và quá hạn' });
  await expect(due.getByRole('listitem').filter({ hasText: old.code })).toContainText(/Hạn xác minh: .* \((còn \d+ ngày|hôm nay là ngày cuối)\) — NĐ 61\/2026/);
  await expect(due.getByRole('listitem').filter({ hasText: fresh.code })).toHaveCount(0);

  // Open the other report and take it through its life.
  await page.keyboard.press('F4');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(fresh.code);
  await page.keyboard.press('Enter');
  await page.getByRole('row').filter({ hasText: fresh.code }).click();
  const flow = page.getByRole('region', { name: 'Xử lý' });
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đã tiếp nhận');
  await flow.getByLabel('Cán bộ xử lý').selectOption({ label: 'Cán bộ trực ban Phòng CSGT' });
  await flow.getByLabel('Ghi chú nội bộ').fill('Đã gọi lại người phản ánh để xác nhận địa điểm.');
  await flow.getByRole('button', { name: 'Thêm ghi chú' }).click();
  await expect(page.getByRole('table').last()).toContainText('Ghi chú: Đã gọi lại người phản ánh để xác nhận địa điểm.');
  await expect(page.getByRole('table').last()).toContainText('Giao xử lý: Cán bộ trực ban Phòng CSGT');
  await flow.getByRole('button', { name: 'Nhận xác minh' }).click();
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đang xác minh');
  await expect(flow).toContainText('Hạn xác minh');

  await flow.getByRole('button', { name: 'Chuyển cơ quan có thẩm quyền' }).click();
  await flow.getByLabel('Cơ quan nhận').fill('Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum');
  await flow.getByLabel('Số công văn').fill('125/CATP-TTPA');
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đã chuyển cơ quan có thẩm quyền');

  // Issue the forwarding letter: it takes number 1 of the unit's register and downloads as issued.
  const docs = page.getByRole('region', { name: 'Văn bản' });
  await docs.getByLabel('Kính gửi (cơ quan nhận)').fill('Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum');
  await docs.getByLabel('Họ tên người ký').fill('Trần Văn Bình');
  await docs.getByRole('button', { name: 'Xem trước' }).click();
  await expect(docs.locator('iframe.pdf-preview')).toBeVisible();
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  await docs.getByRole('button', { name: 'Cấp số 01/PC08-TM' }).click();
  await expect(docs.getByRole('listitem')).toContainText('Công văn chuyển thông tin phản ánh số 01/PC08-TM');
  const [download] = await Promise.all([page.waitForEvent('download'), docs.getByRole('link', { name: 'Tải PDF để in' }).click()]);
  expect(download.suggestedFilename()).toBe('CV-01-PC08-TM.pdf');
  const letter = (pdfText(readFileSync(await download.path()))).join(' ').replace(/\s+/g, ' ');
  expect(letter).toContain('Số: 01/PC08-TM');
  expect(letter).toContain('Kính gửi: Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum.');
  for (const secret of ['Nguyễn Văn An', '062090001234', '0987 654 321', '0912 345 678']) expect(letter).not.toContain(secret);

  // The reporter asked to be told the result: closing is not offered until the feedback is recorded.
  await expect(flow.getByRole('button', { name: 'Kết thúc' })).toHaveCount(0);
  // The intake screen's due list says so too, and both lists follow what is recorded (issue 8.9).
  await page.keyboard.press('F2');
  const intakeDue = page.getByRole('region', { name: 'Sắp đến hạn và quá hạn' });
  await expect(intakeDue.getByRole('listitem').filter({ hasText: fresh.code })).toContainText('Chưa thông báo kết quả cho người phản ánh');
  await page.goBack();

  await flow.getByRole('button', { name: 'Thông báo kết quả' }).click();
  await page.screenshot({ path: 'tests/.artifacts/screens/workflow.png', fullPage: true });
  await flow.getByLabel('Nội dung thông báo').fill('Phản ánh đã được chuyển cơ quan có thẩm quyền xử lý.');
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await flow.getByRole('button', { name: 'Kết thúc' }).click();
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đã kết thúc');
  const history = page.getByRole('table').last();
  await expect(history).toContainText('Chuyển cơ quan có thẩm quyền: Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum, Số công văn 125/CATP-TTPA');
  await expect(history).toContainText('Thông báo kết quả cho người phản ánh: Văn bản');
  await expect(history).toContainText('Kết thúc');
  await page.keyboard.press('F2');
  await expect(intakeDue.getByRole('listitem').filter({ hasText: fresh.code })).toHaveCount(0);
  await page.keyboard.press('F3');
  await expect(due.getByRole('listitem').filter({ hasText: fresh.code })).toHaveCount(0);
});

test('the sanction form offers the legal basis and the violator from the report, and reads the fine back in words', async ({ page }) => {
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({
    receivedAt: utcIsoToLocal(new Date()).slice(0, 16), occurredAt: '',
    vehicles: [{ plate: '82A-123.45', vehicleType: 'car', colour: 'trắng', brand: '', features: '', ownerName: 'Công ty Minh Phát', driverName: 'Phạm Văn Tài' }],
  }));
  await moveReport(seeded.station, report.id, { move: 'verify', complex: false, note: '' });
  await seeded.close();

  await station.open(page, `#/phan-anh/${report.code}`);
  const flow = page.getByRole('region', { name: 'Xử lý' });
  await flow.getByRole('button', { name: 'Xử phạt' }).click();
  const sanction = flow.getByRole('form', { name: 'Xử phạt' });
  await expect(sanction.getByLabel('Căn cứ (điều, khoản, điểm)')).toHaveValue('Điểm b khoản 9 Điều 6 NĐ 168/2024/NĐ-CP');
  await expect(sanction.getByLabel('Người vi phạm (họ tên, tổ chức)')).toHaveValue('Phạm Văn Tài');
  const fine = sanction.getByLabel('Số tiền phạt (đồng)');
  await fine.click();
  await page.keyboard.type('18000000');
  await expect(fine).toHaveValue('18.000.000');
  await expect(fine).toHaveAccessibleDescription('Mười tám triệu đồng');
  await sanction.getByLabel('Số quyết định xử phạt').fill('0125/QĐ-XPHC');
  await sanction.getByLabel('Địa chỉ người vi phạm').fill('Thôn 2, xã Đăk Cấm');
  await sanction.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đã xử phạt');
  await expect(flow).toContainText('Mức khen thưởng tối đa cho người phản ánh: 1.800.000 đồng (Một triệu tám trăm nghìn đồng)');
  await expect(page.getByRole('table').last()).toContainText('Người vi phạm (họ tên, tổ chức) Phạm Văn Tài, Thôn 2, xã Đăk Cấm');
});

test('a supervisor exports the press list of the month: the sanctioned report, nothing about its reporter', async ({ page }) => {
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(new Date()).slice(0, 16), occurredAt: '' }));
  await moveReport(seeded.station, report.id, { move: 'verify', complex: false, note: '' });
  await moveReport(seeded.station, report.id, {
    move: 'sanction', decisionNumber: '0125/QĐ-XPHC', decisionDate: utcIsoToLocal(new Date()).slice(0, 10), legalBasis: 'Điểm b khoản 9 Điều 6',
    fineVnd: 18_000_000, violatorName: 'Phạm Văn Tài', violatorAddress: '',
  });
  await seeded.close();
  await station.open(page, '#/hom-nay');
  const panel = page.getByRole('region', { name: 'Danh sách công khai kết quả xử lý' });
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Xuất danh sách công khai (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain(report.code);
  expect(csv).toContain('82A-123.45');
  expect(csv).toContain('0125/QĐ-XPHC');
  for (const secret of ['Nguyễn Văn An', '062090001234', '0987 654 321', '0987654321', '0912 345 678', 'Phạm Văn Tài']) expect(csv).not.toContain(secret);
  await expect(panel.getByRole('status')).toHaveText('Đã xuất 1 vụ việc, 0 ảnh đã che.');
});
