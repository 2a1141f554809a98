import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import type { StationHost } from '../host/open-station';
import type { MediaVariant } from '../services/evidence/media';

// The renderer is served by protocol.handle, not file://, so it has a real origin for the CSP and the
// sender check, and cannot read other local files.

export const APP_ORIGIN = 'station://app';

export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'station', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * station://app/… is the renderer; station://media/<id>/<variant> evidence and station://documents/<id>.pdf
 * issued documents, by id (never by path).
 */
export function serveStation(rendererDir: string, media: StationHost['media'], document: StationHost['document']): void {
  protocol.handle('station', async (request) => {
    const { host, pathname } = new URL(request.url);
    if (host === 'documents') {
      const m = /^\/(\d+)\.pdf$/.exec(pathname);
      const file = m ? await document(Number(m[1])).catch(() => null) : null;
      return file ? new Response(new Uint8Array(file.bytes), { headers: { 'content-type': 'application/pdf' } }) : new Response('', { status: 404 });
    }
    if (host === 'media') {
      const m = /^\/(\d+)\/(original|thumb|sheet|picture)$/.exec(pathname);
      if (!m) return new Response('', { status: 404 });
      try {
        const file = await media(Number(m[1]), m[2] as MediaVariant);
        // Range headers pass through, so videos can be sought.
        return net.fetch(pathToFileURL(file.path).toString(), { headers: request.headers });
      } catch {
        return new Response('', { status: 404 });
      }
    }
    const file = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (host !== 'app' || !file.startsWith(rendererDir + sep)) return new Response('', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
