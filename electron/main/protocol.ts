import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';

// The renderer is served by protocol.handle, not file://, so it has a real origin for the CSP and the
// sender check, and cannot read other local files.

export const APP_ORIGIN = 'station://app';

export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'station', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle('station', (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (host !== 'app' || !file.startsWith(rendererDir + sep)) return new Response('', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
