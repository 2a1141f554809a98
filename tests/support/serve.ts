import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { openStation } from '../../electron/host/open-station';
import { signInForTest, TEST_LOGIN, TEST_PASSWORD } from './station';
import { bundled } from './bundles';

const root = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real station in browser mode (`station serve`) as its own process, on a data folder. */
export async function serveStation(dataDir: string, options: { account?: boolean } = {}): Promise<Served> {
  if (options.account ?? true) await giveTestAccount(dataDir);
  const child = spawn(process.execPath, [bundled('station'), 'serve', '--data', dataDir], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station serve did not start: ${output}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`station serve exited ${code}: ${output}`)); });
  });
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/** The unit's duty officer gets the tests' login and password (the station is set up, as an admin would). */
async function giveTestAccount(dataDir: string): Promise<void> {
  const host = await openStation({ dataDir });
  try {
    await signInForTest(host);
  } finally {
    await host.close();
  }
}

/** Opens the page at an address and signs in as a desk officer does (a page opened again later stays signed in). */
export async function signIn(page: Page, url: string, login = TEST_LOGIN, password = TEST_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toHaveCount(0);
}

/**
 * For a Playwright file: each test gets a fresh data folder; `start()` serves the station on it, and
 * whatever was started is stopped and the folder removed after the test.
 */
export function stationPerTest() {
  const state = {
    dataDir: '',
    served: null as Served | null,
    /** account false: a first run, no account yet. */
    async start(options: { account?: boolean } = {}): Promise<Served> {
      state.served = await serveStation(state.dataDir, options);
      return state.served;
    },
    /** Serves the station (when not yet) and opens the page at `hash`, signed in. */
    async open(page: Page, hash = ''): Promise<Served> {
      const running = state.served && state.served.process.exitCode === null && state.served.process.signalCode === null;
      const served = running ? state.served! : await state.start();
      await signIn(page, `${served.url}${hash}`);
      return served;
    },
  };
  test.beforeEach(() => { state.dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-')); });
  test.afterEach(async () => {
    await state.served?.stop();
    state.served = null;
    rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}

/**
 * Opens the station, saves a report with `description`, opens it, and imports every file of `folder` through the
 * page (scan, pick all, import), waiting for `files` imported and none failed.
 */
export async function openReportAndImport(station: ReturnType<typeof stationPerTest>, page: Page, folder: string, files: number, description: string): Promise<void> {
  await station.open(page);
  await page.getByLabel('Nội dung phản ánh').fill(description);
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  await expect(page.getByRole('heading', { name: /^Phản ánh PA-/ })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Nhập từ USB, thẻ nhớ, điện thoại hoặc thư mục' });
  await panel.getByLabel('Thư mục cần nhập (đường dẫn đầy đủ)').fill(folder);
  await panel.getByRole('button', { name: 'Quét thư mục' }).click();
  await panel.getByRole('button', { name: 'Chọn tất cả', exact: true }).click();
  await panel.getByRole('button', { name: `Nhập ${files} tệp đã chọn` }).click();
  await expect(panel.getByText(`Đã nhập ${files} tệp, 0 tệp lỗi.`)).toBeVisible();
}

/** What the first run's setup screen asks, as an admin would type it. */
export interface SetupAnswers {
  parentName: string; name: string; province: string; commune: string; address: string; placeName: string;
  documentSymbol: string; draftingSymbol: string; headTitle: string; deputyTitle: string; hotlines: string;
  admin: { fullName: string; login: string; password: string };
}

/** The setup screen filled in (not sent); the page or Electron window is on it. */
export async function fillSetup(page: Page, a: SetupAnswers): Promise<void> {
  await page.getByLabel('Tên cơ quan chủ quản (dòng trên của tiêu đề)').fill(a.parentName);
  await page.getByLabel('Tên đơn vị ban hành (dòng dưới của tiêu đề)').fill(a.name);
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: a.province });
  await page.getByLabel('Xã, phường, đặc khu nơi đóng trụ sở').selectOption({ label: a.commune });
  await page.getByLabel('Địa chỉ trụ sở').fill(a.address);
  await page.getByLabel('Địa danh ghi ở dòng ngày tháng').fill(a.placeName);
  await page.getByLabel('Ký hiệu đơn vị ban hành').fill(a.documentSymbol);
  await page.getByLabel('Ký hiệu đơn vị soạn thảo').fill(a.draftingSymbol);
  await page.getByLabel('Chức vụ người đứng đầu (ký thay mặt)').fill(a.headTitle);
  await page.getByLabel('Chức vụ cấp phó (người ký thay)').fill(a.deputyTitle);
  await page.getByLabel('Đường dây nóng').fill(a.hotlines);
  await page.getByLabel('Họ tên', { exact: true }).fill(a.admin.fullName);
  await page.getByLabel('Tên đăng nhập').fill(a.admin.login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(a.admin.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(a.admin.password);
}

/** A provincial traffic police office of today's map, as the acceptance sets one up. */
export const LANG_SON: SetupAnswers = {
  parentName: 'Công an tỉnh Lạng Sơn', name: 'Phòng Cảnh sát giao thông', province: 'Tỉnh Lạng Sơn', commune: 'Phường Tam Thanh',
  address: 'Số 1 đường Lê Lợi, phường Tam Thanh, tỉnh Lạng Sơn', placeName: 'Lạng Sơn', documentSymbol: 'PC08', draftingSymbol: 'TTPA',
  headTitle: 'Trưởng phòng', deputyTitle: 'Phó Trưởng phòng', hotlines: '',
  admin: { fullName: 'Nguyễn Văn Quản', login: 'quantri', password: 'một câu dài dễ nhớ' },
};
