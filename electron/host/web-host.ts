import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import type { Result } from '../contract/channels';
import { vi } from '../contract/messages.vi';
import { StationError } from '../services/errors';
import type { MediaFile, MediaVariant } from '../services/evidence/media';
import { dispatch, type Handlers, type Log } from './dispatch';

// Browser mode: the same renderer and the same API over HTTP, for machines without Electron. Bound to
// 127.0.0.1 only, on a random port, guarded by a per-run token and an Origin/Host check, so neither
// another web page in the officer's browser nor another machine can call it.

const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.json': 'application/json',
};

export interface WebHost {
  url: string;
  /** The address to open: it carries the token. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { code: 'rejected', message } });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sent with every answer: the page runs only its own scripts, in no frame of another site, with no
 * sniffing of types, and leaks no address (which may carry the token) to anything it links to.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    + "frame-src blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The built renderer's files other than the page, by the exact address the page asks for them. */
function listAssets(rendererDir: string): Map<string, string> {
  const assets = new Map<string, string>();
  for (const entry of readdirSync(rendererDir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (!entry.isFile() || file === join(rendererDir, 'index.html')) continue;
    const address = `/${relative(rendererDir, file).split(sep).join('/')}`;
    if (/^[\w./-]+$/.test(address)) assets.set(address, file);
  }
  return assets;
}

/** Evidence bytes with HTTP ranges, so a video can be played and sought without loading it whole. */
async function sendFile(req: IncomingMessage, res: ServerResponse, file: MediaFile): Promise<void> {
  const { size } = await stat(file.path);
  const headers = { 'content-type': file.contentType, 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=3600' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] !== '' || range[2] !== '')) {
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start > end || start >= size) {
      res.writeHead(416, { 'content-range': `bytes */${size}` });
      return void res.end();
    }
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
    createReadStream(file.path, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': size });
  createReadStream(file.path).pipe(res);
}

export async function startWebHost(opts: {
  handlers: Handlers;
  media: (evidenceId: number, variant: MediaVariant) => Promise<MediaFile>;
  document: (id: number) => Promise<{ bytes: Buffer; downloadName: string }>;
  rendererDir: string;
  log: Log;
  port?: number;
}): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];

  // The page and its assets by their exact address, listed once at start: no path from a request is ever
  // joined to a folder, so no encoding (percent, double, dot segments, case, `;` parameters) reaches a file
  // that is not listed, and the token-bearing page is only ever the launch address itself.
  const assets = listAssets(opts.rendererDir);

  async function servePage(res: ServerResponse): Promise<void> {
    const html = (await readFile(join(opts.rendererDir, 'index.html'), 'utf8'))
      .replace('</head>', `<meta name="station-token" content="${token}"></head>`);
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
    res.end(html);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own Host header.
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, vi.error.badOrigin);
    const raw = req.url ?? '';
    const queryAt = raw.indexOf('?');
    const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
    let decoded: string;
    try {
      if (!path.startsWith('/')) throw new URIError(path);
      decoded = decodeURIComponent(path);
    } catch {
      return refuse(res, 400, vi.error.invalidInput);
    }
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    const api = /^\/api\/([a-zA-Z]+:[a-zA-Z]+)$/.exec(decoded);
    if (api || path.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, vi.error.badOrigin);
      if (req.headers.origin !== undefined && !allowedOrigins.includes(req.headers.origin)) return refuse(res, 403, vi.error.badOrigin);
      if (!sameSecret(String(req.headers['x-station-token'] ?? ''), token)) return refuse(res, 401, vi.error.badToken);
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'invalid-input', message: vi.error.tooLarge } });
      let input: unknown;
      try {
        input = JSON.parse(body || '{}');
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: vi.error.invalidInput } });
      }
      return sendJson(res, 200, await dispatch(opts.handlers, api?.[1] ?? decoded.slice('/api/'.length), input, opts.log));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const media = /^\/media\/([1-9]\d{0,14})\/(original|thumb|sheet|picture)$/.exec(path);
    const document = /^\/documents\/([1-9]\d{0,14})\.pdf$/.exec(path);
    if (media || document || path === '/') {
      // <img>, <video>, download links and the launch address cannot send headers: they carry the token in the query.
      if (!sameSecret(query.get('token') ?? '', token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(vi.error.badToken);
      }
      if (path === '/') return servePage(res);
      try {
        if (document) {
          // Browser mode prints through a download: the issued PDF as kept, byte for byte.
          const file = await opts.document(Number(document[1]));
          res.writeHead(200, {
            'content-type': 'application/pdf', 'content-length': file.bytes.length, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${file.downloadName}"`,
          });
          return void res.end(req.method === 'HEAD' ? undefined : file.bytes);
        }
        return await sendFile(req, res, await opts.media(Number(media![1]), media![2] as MediaVariant));
      } catch (err) {
        if (!(err instanceof StationError)) opts.log(`media ${path}: ${err instanceof Error ? err.message : String(err)}`);
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(err instanceof StationError ? err.message : vi.error.internal);
      }
    }
    const asset = assets.get(path);
    if (!asset) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(asset)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(await readFile(asset));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log(`web host: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) refuse(res, 500, vi.error.internal);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  return {
    url: origin,
    launchUrl: `${origin}/?token=${token}`,
    token,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
