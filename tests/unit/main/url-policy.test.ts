import { describe, expect, it } from 'vitest';
import { externalTarget, isAppUrl, mayNavigate, permissionAllowed } from '../../../electron/main/url-policy';

describe('the station origin', () => {
  it('is station://app by scheme and host, not by prefix', () => {
    expect(isAppUrl('station://app/index.html')).toBe(true);
    expect(isAppUrl('station://app')).toBe(true);
    expect(isAppUrl('station://app/#/reports/12')).toBe(true);
    // What `url.startsWith('station://app')` let through.
    expect(isAppUrl('station://app.evil/index.html')).toBe(false);
    expect(isAppUrl('station://app@evil/index.html')).toBe(false);
    expect(isAppUrl('station://apple/')).toBe(false);
    expect(isAppUrl('station://media/1/original')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    // WHATWG URL gives custom schemes an opaque origin: comparing `origin` to "station://app" never matched.
    expect(new URL('station://app/index.html').origin).toBe('null');
  });
});

describe('navigation', () => {
  const app = 'station://app/index.html';

  it('keeps the top frame on the station pages', () => {
    expect(mayNavigate('station://app/index.html#/intake', true, app)).toBe(true);
    expect(mayNavigate('https://csgt.vn/', true, app)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', true, app)).toBe(false);
    expect(mayNavigate('blob:station://app/0b7e', true, app)).toBe(false);
    expect(mayNavigate('station://app.evil/', true, app)).toBe(false);
  });

  it('lets frames show the PDF preview and nothing from elsewhere', () => {
    expect(mayNavigate('blob:station://app/0b7e5a1c-5f0e-4c31-9d8a-2a7f5b1d3c44', false, app)).toBe(true);
    expect(mayNavigate('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', false, app)).toBe(true);
    expect(mayNavigate('about:blank', false, app)).toBe(true);
    expect(mayNavigate('blob:https://evil.example/0b7e', false, app)).toBe(false);
    expect(mayNavigate('chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/index.html', false, app)).toBe(false);
    expect(mayNavigate('https://evil.example/', false, app)).toBe(false);
    expect(mayNavigate('file:///home/officer/report.pdf', false, app)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', false, app)).toBe(false);
  });

  it('lets the print window\'s PDF viewer load the document main opened there, and no other file', () => {
    const pdf = 'file:///var/station/documents/2026/cong-van-1.pdf';
    expect(mayNavigate(pdf, false, pdf)).toBe(true);
    expect(mayNavigate('file:///var/station/documents/2026/cong-van-2.pdf', false, pdf)).toBe(false);
    expect(mayNavigate(pdf, true, pdf)).toBe(false);
  });
});

describe('the system browser', () => {
  it('opens allow-listed origins only', () => {
    expect(externalTarget('https://csgt.vn/tra-cuu')).toBe('https://csgt.vn/tra-cuu');
    expect(externalTarget('https://csgt.vn')).toBe('https://csgt.vn/');
    expect(externalTarget('https://csgt.vn.evil.example/')).toBeNull();
    expect(externalTarget('https://csgt.vn@evil.example/')).toBeNull();
    expect(externalTarget('http://csgt.vn/')).toBeNull();
    expect(externalTarget('file:///etc/passwd')).toBeNull();
    expect(externalTarget('ms-msdt:/id PCWDiagnostic')).toBeNull();
  });
});

describe('permissions', () => {
  it('grants the copy button and full screen to the station page only, and nothing else', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'station://app/index.html', true)).toBe(true);
    expect(permissionAllowed('fullscreen', 'station://app/index.html', true)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'station://app/index.html', false)).toBe(false);
    expect(permissionAllowed('fullscreen', 'blob:station://app/0b7e', false)).toBe(false);
    expect(permissionAllowed('clipboard-read', 'station://app/index.html', true)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'display-capture', 'hid', 'usb', 'serial']) {
      expect(permissionAllowed(permission, 'station://app/index.html', true)).toBe(false);
    }
    expect(permissionAllowed('fullscreen', 'https://evil.example/', true)).toBe(false);
    expect(permissionAllowed('fullscreen', undefined, true)).toBe(false);
  });
});
