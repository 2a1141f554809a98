import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { backends, form, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// Browser mode attacked as another program on the desk PC would: without the token, through every
// encoding of the page's address, and with the token through the evidence import (system folders, links).

const figures = hostileFigures('web host');
let rendererDir: string;
const secret = 'SECRET-CONTENTS-OF-A-SYSTEM-FILE';

beforeAll(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'station-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>trạm</body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true });
});

describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let web: WebHost;
  let reportId: number;

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    web = await startWebHost({ handlers: t.host.handlers, media: t.host.media, document: t.host.document, log: t.host.log, rendererDir });
    reportId = (await t.host.handlers['report:create']({ draftId: null, form: form() })).id;
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await t.close();
  });

  /** A raw request: the path goes on the wire exactly as written (no client normalises it). */
  function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    figures.requestsTried += 1;
    const { port } = new URL(web.url);
    return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { body += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  const api = (channel: string, input: unknown) => send(`/api/${encodeURIComponent(channel)}`, {
    method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json', 'x-station-token': web.token },
  });

  describe('no address yields the token or station data without the token', () => {
    const pages = ['/index.html', '/%69ndex.html', '/index%2ehtml', '/%2569ndex.html', '/INDEX.HTML', '/Index.html', '/index.html/',
      '/index.html;x=1', '/;/index.html', '/./index.html', '/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/%252e%252e/index.html',
      '//index.html', '/.%2findex.html', '/%2findex.html', '/assets/..%2findex.html', '/assets/..%5cindex.html', '/assets\\..\\index.html',
      '/index.html%00', '/index.html%20', '/', '/?', '/?token=', '/?token=wrong', '//?token=x', '/%3Ftoken=x', '/.', '/..', '/%2e', '/%2e/',
      '/api/session%3Aget', '/media/1/original', '/documents/1.pdf', '/media/01/original', '/media/1/original/', '/MEDIA/1/original'];

    it.each(pages)('GET %s without the token', async (path) => {
      const res = await send(path);
      expect(res.body).not.toContain(web.token);
      expect(res.body).not.toContain('Nguyễn Văn An');
      expect(res.status).not.toBe(200);
      expect(res.status).toBeLessThan(500);
    });

    it('the page is served only on the exact launch address', async () => {
      expect((await send(`/?token=${web.token}`)).body).toContain(web.token);
      for (const path of [`/index.html?token=${web.token}`, `/%69ndex.html?token=${web.token}`, `//?token=${web.token}`, `/;?token=${web.token}`]) {
        const res = await send(path);
        expect(res.body, path).not.toContain(web.token);
      }
    });

    it('an absolute-form request line or a foreign Host gets nothing', async () => {
      const { port } = new URL(web.url);
      expect((await send(`http://127.0.0.1:${port}/?token=${web.token}`)).body).not.toContain('trạm');
      expect((await send(`/?token=${web.token}`, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    });

    it('malformed percent-encoding is a 400, never a 500', async () => {
      for (const path of ['/%', '/%zz', '/assets/%E0%A4%A', '/api/%', '/media/%ff/original', '/%c0%ae%c0%ae/']) {
        const res = await send(path, path.startsWith('/api/') ? { method: 'POST', body: '{}' } : {});
        expect(res.status, path).toBe(400);
      }
    });

    it('the API refuses every call without the token, whatever the channel is spelt', async () => {
      for (const path of ['/api/report%3ArevealReporter', '/api/report:revealReporter', '/api/report%253ArevealReporter', '/api/./report:revealReporter']) {
        const res = await send(path, { method: 'POST', body: JSON.stringify({ id: reportId }), headers: { 'content-type': 'application/json' } });
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        if (res.body.includes('062090001234')) figures.identitiesLeaked += 1;
      }
      expect(figures.identitiesLeaked).toBe(0);
    });

    it('every answer carries CSP with frame-ancestors none, nosniff and no-referrer', async () => {
      for (const path of [`/?token=${web.token}`, '/assets/app.js', '/nothing', '/%']) {
        const { headers } = await send(path);
        expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
        expect(headers['content-security-policy'], path).toContain("script-src 'self'");
        expect(headers['x-content-type-options'], path).toBe('nosniff');
        expect(headers['referrer-policy'], path).toBe('no-referrer');
      }
    });

    it('assets are served by their exact address only', async () => {
      expect((await send('/assets/app.js')).status).toBe(200);
      for (const path of ['/assets/APP.js', '/assets/app.js/', '/assets/app%2ejs', '/assets//app.js', '/assets/./app.js']) {
        expect((await send(path)).status, path).toBe(404);
      }
    });
  });

  describe('with the token: the import cannot be turned against the desk PC', () => {
    it('system folders and the data folder are refused', async () => {
      for (const folder of ['/', '/etc', '/proc', '/sys', '/dev', '/usr/bin', t.dataDir, join(t.dataDir, 'evidence')]) {
        const res = JSON.parse((await api('evidence:scan', { scanId: randomUUID(), folder })).body) as { ok: boolean; error?: { message: string } };
        expect(res.ok, folder).toBe(false);
        expect(res.error!.message, folder).toMatch(/^Không quét/);
      }
    });

    it('a link to a system folder is refused as that folder', async () => {
      const stick = mkdtempSync(join(tmpdir(), 'station-stick-'));
      symlinkSync('/etc', join(stick, 'etc-link'));
      const res = JSON.parse((await api('evidence:scan', { scanId: randomUUID(), folder: join(stick, 'etc-link') })).body) as { ok: boolean };
      expect(res.ok).toBe(false);
      rmSync(stick, { recursive: true, force: true });
    });

    it('a link on a stick to a file outside it is listed as a link and never imported', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'station-outside-'));
      writeFileSync(join(outside, 'shadow'), secret);
      const stick = mkdtempSync(join(tmpdir(), 'station-stick-'));
      symlinkSync(join(outside, 'shadow'), join(stick, 'IMG_0001.JPG'));
      const scan = JSON.parse((await api('evidence:scan', { scanId: randomUUID(), folder: stick })).body) as { ok: true; value: { scanId: string; files: unknown[]; problems: string[] } };
      expect(scan.value.files).toEqual([]);
      expect(scan.value.problems.join('\n')).toContain('IMG_0001.JPG là liên kết');
      const started = JSON.parse((await api('evidence:import', { scanId: scan.value.scanId, reportId, files: ['IMG_0001.JPG'] })).body) as { value: { importId: string } };
      await new Promise((r) => setTimeout(r, 300));
      const status = JSON.parse((await api('evidence:importStatus', { importId: started.value.importId })).body) as { value: { results: unknown[] } };
      expect(status.value.results).toEqual([]);
      for (let id = 1; id <= 3; id++) {
        const res = await send(`/media/${id}/original?token=${web.token}`);
        if (res.body.includes(secret)) figures.filesLost += 1;
        expect(res.body).not.toContain(secret);
      }
      rmSync(stick, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    });
  });

  describe('bad input never reaches the database', () => {
    it('the register refuses dates that do not exist and periods back to front', async () => {
      for (const [from, to] of [['2026-13-45', '2026-12-31'], ['0000-00-00', '2026-01-01'], ['2026-02-29', '2026-03-01'], ['2026-12-01', '2026-11-01'],
        ['2026-11-31', '2026-12-01'], ['2026-1-1', '2026-01-02'], ['99999-01-01', '99999-01-02']]) {
        const res = JSON.parse((await api('document:register', { period: { from, to }, reissueReason: null })).body) as { ok: boolean; error?: { code: string } };
        expect(res, `${from} → ${to}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
      const issued = await t.station.db.selectFrom('documents').select('id').where('kind', '=', 'register').execute();
      expect(issued).toEqual([]);
      expect((JSON.parse((await api('document:register', { period: { from: '2028-02-29', to: '2028-02-29' }, reissueReason: null })).body) as { ok: boolean }).ok).toBe(true);
    });

    it('ids must be positive integers a database key can hold', async () => {
      for (const id of [0, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308]) {
        const res = JSON.parse((await api('report:get', { id })).body) as { ok: boolean; error?: { code: string } };
        expect(res, String(id)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
    });

    it('typed times must exist: 25:00 and 30/02 are refused', async () => {
      for (const receivedAt of ['2026-11-23T25:00', '2026-02-30T10:00', '2026-11-23T10:60']) {
        const res = JSON.parse((await api('report:create', { draftId: null, form: form({ receivedAt }) })).body) as { ok: boolean };
        expect(res.ok, receivedAt).toBe(false);
      }
    });
  });
});
