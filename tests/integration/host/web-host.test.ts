import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/host/web-host';
import { backends, form, tempStation } from '../../support/station';

let rendererDir: string;

beforeAll(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'station-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>trạm</body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'station-secret.txt'), 'secret');
});
afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true });
});

describe.each(backends)('%s: loopback web host', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let web: WebHost;

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    web = await startWebHost({ handlers: t.host.handlers, media: t.host.media, document: t.host.document, log: t.host.log, rendererDir });
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await t.close();
  });

  /** A raw HTTP request, so headers (Host, Origin) are exactly what the test says. */
  function send(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
    const { port } = new URL(web.url);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { body += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  const api = (channel: string, input: unknown, headers: Record<string, string> = {}) => send({
    path: `/api/${channel}`, method: 'POST', body: typeof input === 'string' ? input : JSON.stringify(input),
    headers: { 'content-type': 'application/json', 'x-station-token': web.token, ...headers },
  });

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(web.launchUrl).toBe(`${web.url}/?token=${web.token}`);
  });

  it('answers a call that carries the token', async () => {
    const res = await api('session:get', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { unit: { name: 'Phòng Cảnh sát giao thông' } } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    for (const token of [undefined, 'wrong', `${web.token}x`]) {
      const res = await send({ path: '/api/session:get', method: 'POST', body: '{}', headers: token ? { 'x-station-token': token } : {} });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringContaining('Phiên làm việc') } });
    }
  });

  it('refuses another web page (Origin) and a rebound host name (Host)', async () => {
    const fromEvil = await api('session:get', {}, { origin: 'http://evil.example' });
    expect(fromEvil.status).toBe(403);
    expect(JSON.parse(fromEvil.body).error.message).toContain('từ chối');
    const rebound = await api('session:get', {}, { host: 'evil.example' });
    expect(rebound.status).toBe(403);
    const ownPage = await api('session:get', {}, { origin: web.url });
    expect(ownPage.status).toBe(200);
  });

  it('answers invalid input with a structured error, and keeps serving', async () => {
    const cases = [
      api('report:get', { id: 'một' }),
      api('report:get', { id: -1 }),
      api('report:get', { id: 1, extra: true }),
      api('report:create', { draftId: null, form: { ...form(), channel: 'telegraph' } }),
      api('report:search', { query: 'x'.repeat(201) }),
      api('report:get', '{not json'),
      api('report:get', 'null'),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBeLessThan(500);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('không hợp lệ') } });
    }
    const unknown = JSON.parse((await api('report:explode', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const missing = JSON.parse((await api('report:get', { id: 999 })).body);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('Không tìm thấy') } });
    expect(JSON.parse((await api('report:today', {})).body)).toEqual({ ok: true, value: [] });
  });

  it('in browser mode, printing says to download the PDF instead', async () => {
    expect(JSON.parse((await api('document:print', { id: 1 })).body)).toEqual({
      ok: false, error: { code: 'rejected', message: expect.stringContaining('tải PDF rồi in') },
    });
  });

  it('refuses a body over 1 MB even when the call in it is valid, and keeps serving', async () => {
    // The same valid search, padded with JSON whitespace: once parsed it is `{ query: 'Vios' }`, which the
    // schema accepts, so only the size cap can refuse the larger one.
    const padded = (bytes: number) => {
      const head = '{"query":"Vios"';
      return head + ' '.repeat(bytes - head.length - 1) + '}';
    };
    expect(JSON.parse(padded(1_100_000))).toEqual({ query: 'Vios' });
    const under = await api('report:search', padded(1_000_000));
    expect(under.status).toBe(200);
    expect(JSON.parse(under.body)).toEqual({ ok: true, value: [] });

    const over = await api('report:search', padded(1_100_000));
    expect(over.status).toBeGreaterThanOrEqual(400);
    expect(over.status).toBeLessThan(500);
    expect(JSON.parse(over.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/không hợp lệ|quá lớn/) } });
    expect((await api('report:search', { query: 'Vios' })).status).toBe(200);
  });

  it('serves the page only with the token, injecting it, and no file outside the renderer', async () => {
    expect((await send({ path: '/' })).status).toBe(401);
    const page = await send({ path: `/?token=${web.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="station-token" content="${web.token}">`);
    expect((await send({ path: '/assets/app.js' })).body).toBe('console.log(1)');
    for (const path of ['/../station-secret.txt', '/%2e%2e/station-secret.txt', '/assets/..%2f..%2fstation-secret.txt']) {
      const res = await send({ path });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });
});
