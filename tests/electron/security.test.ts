// The Electron shell's security code, run without an Electron binary: the pure functions of
// src-main/electron/security.ts and app-protocol.ts over fakes of the few WebContents/Session members they use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appResponseHeaders, resolveAppRequest } from '../../src-main/electron/app-protocol';
import { APP_ORIGIN, ELECTRON_CSP } from '../../src-main/electron/channels';
import {
  externalLinkTarget,
  isAppUrl,
  isTrustedSender,
  lockDownContents,
  lockDownSession,
  rendererEntryUrl,
  resolveDevServerUrl,
  secureWebPreferences,
  type LockableContents,
} from '../../src-main/electron/security';

/** A WebContents stand-in that records the handlers lockDownContents installs. */
function fakeContents() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on(event: string, listener: (...args: unknown[]) => void) {
      handlers.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      openHandler = h;
    },
  };
  /** Fires a navigation-like event; true when the handler called preventDefault. */
  const fire = (event: string, url: string): boolean => {
    const preventDefault = vi.fn();
    const h = handlers.get(event);
    if (!h) throw new Error(`no handler for ${event}`);
    if (event === 'will-frame-navigate') h({ url, preventDefault });
    else h({ preventDefault }, url);
    return preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as LockableContents, handlers, fire, open: (url: string) => openHandler!({ url }) };
}

describe('dev server URL and entry URL', () => {
  it('treats an unset, empty or blank ELECTRON_RENDERER_URL as unset and loads the built renderer', () => {
    for (const raw of [undefined, '', '   ']) {
      expect(resolveDevServerUrl(raw, false)).toBeUndefined();
      expect(rendererEntryUrl(resolveDevServerUrl(raw, false))).toBe('app://renderer/index.html');
    }
  });
  it('uses a loopback dev server only when unpackaged', () => {
    expect(resolveDevServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/');
    expect(rendererEntryUrl('http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(resolveDevServerUrl('http://127.0.0.1:5173/', true)).toBeUndefined();
  });
  it('refuses a dev server that is not http(s) on a loopback host, naming the variable', () => {
    expect(() => resolveDevServerUrl('https://evil.example/', false)).toThrow(/ELECTRON_RENDERER_URL must be an http\(s\) URL on localhost/);
    expect(() => resolveDevServerUrl('file:///etc/passwd', false)).toThrow(/must be an http\(s\) URL/);
    expect(() => resolveDevServerUrl('not a url', false)).toThrow("ELECTRON_RENDERER_URL is not a URL: 'not a url'");
  });
});

describe('isAppUrl', () => {
  it('accepts the app protocol and, in development, the dev server origin only', () => {
    expect(APP_ORIGIN).toBe('app://renderer');
    expect(isAppUrl('app://renderer/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://renderer/assets/x.js?v=1#top', undefined)).toBe(true);
    expect(isAppUrl('app://other/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://renderer.evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://user@renderer/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://example.com/', undefined)).toBe(false);
    expect(isAppUrl('file:///work/out/renderer/index.html', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.ts', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.ts', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('::not a url::', 'http://localhost:5173/')).toBe(false);
  });
});

describe('lockDownContents', () => {
  it('cancels navigation and redirects away from the app, in the top frame and in subframes', () => {
    const f = fakeContents();
    lockDownContents(f.contents, undefined, vi.fn());
    expect([...f.handlers.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(f.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(f.fire('will-navigate', 'app://renderer/index.html')).toBe(false);
    expect(f.fire('will-redirect', 'http://127.0.0.1:8737/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'https://example.com/frame')).toBe(true);
    expect(f.fire('will-frame-navigate', 'app://renderer/index.html')).toBe(false);
  });
  it('lets the dev server through in development', () => {
    const f = fakeContents();
    lockDownContents(f.contents, 'http://localhost:5173/', vi.fn());
    expect(f.fire('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(f.fire('will-navigate', 'http://localhost:9999/')).toBe(true);
  });
  it('refuses webviews', () => {
    const f = fakeContents();
    lockDownContents(f.contents, undefined, vi.fn());
    const preventDefault = vi.fn();
    f.handlers.get('will-attach-webview')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });
  it('denies every new window; only https links to allowed hosts go to the system browser', () => {
    const f = fakeContents();
    const openExternal = vi.fn(() => Promise.resolve());
    lockDownContents(f.contents, undefined, openExternal);
    expect(f.open('https://doi.org/10.1109/x')).toEqual({ action: 'deny' });
    expect(f.open('https://example.com/paper.pdf')).toEqual({ action: 'deny' });
    expect(f.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(f.open('app://renderer/index.html')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://doi.org/10.1109/x']]);
  });
  it('picks external link targets: https to an allowed host, without credentials or port', () => {
    expect(externalLinkTarget('https://arxiv.org/abs/1234')).toBe('https://arxiv.org/abs/1234');
    expect(externalLinkTarget('https://github.com/oxwhirl/pymarl')).toBe('https://github.com/oxwhirl/pymarl');
    expect(externalLinkTarget('https://example.com/paper.pdf')).toBeNull();
    expect(externalLinkTarget('https://github.com.evil.example/')).toBeNull();
    expect(externalLinkTarget('https://evilgithub.com/')).toBeNull();
    expect(externalLinkTarget('https://github.com:8443/')).toBeNull();
    expect(externalLinkTarget('http://github.com/')).toBeNull();
    expect(externalLinkTarget('https://user:pw@github.com/')).toBeNull();
    expect(externalLinkTarget('smb://share/x')).toBeNull();
    expect(externalLinkTarget('')).toBeNull();
  });
});

describe('lockDownSession', () => {
  it('grants no permission request or check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: ((...a: unknown[]) => boolean) | null = null;
    lockDownSession({
      setPermissionRequestHandler: (h: unknown) => (request = h as typeof request),
      setPermissionCheckHandler: (h: unknown) => (check = h as typeof check),
    } as never);
    const callback = vi.fn();
    request!(null, 'media', callback);
    request!(null, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(check!(null, 'geolocation', 'app://renderer', {})).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const webContents = { id: 1 };
  const win = { webContents, isDestroyed: () => false };
  const event = (sender: unknown, frame: { url: string; parent: unknown } | null) => ({ sender, senderFrame: frame }) as never;
  const top = { url: 'app://renderer/index.html', parent: null };

  it('accepts the top frame of the app window showing the app', () => {
    expect(isTrustedSender(event(webContents, top), win, undefined)).toBe(true);
  });
  it('refuses other windows, subframes, foreign pages, missing frames and a closed window', () => {
    expect(isTrustedSender(event({ id: 2 }, top), win, undefined)).toBe(false);
    expect(isTrustedSender(event(webContents, { url: 'app://renderer/index.html', parent: top }), win, undefined)).toBe(false);
    expect(isTrustedSender(event(webContents, { url: 'https://example.com/', parent: null }), win, undefined)).toBe(false);
    expect(isTrustedSender(event(webContents, null), win, undefined)).toBe(false);
    expect(isTrustedSender(event(webContents, top), null, undefined)).toBe(false);
    expect(isTrustedSender(event(webContents, top), { webContents, isDestroyed: () => true }, undefined)).toBe(false);
  });
  it('accepts the dev server page only when it is the configured one', () => {
    const dev = { url: 'http://localhost:5173/', parent: null };
    expect(isTrustedSender(event(webContents, dev), win, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender(event(webContents, dev), win, undefined)).toBe(false);
  });
});

describe('window preferences and CSP', () => {
  it('isolates and sandboxes the renderer without Node; DevTools only when unpackaged', () => {
    expect(secureWebPreferences('/app/preload.cjs', true)).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(true);
  });

  it('serves the renderer with a CSP that allows own scripts only and no network', () => {
    const directives = Object.fromEntries(ELECTRON_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });
});

describe('app:// protocol', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {}');
  fs.writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), 'secret');

  it('maps app://renderer paths into the renderer folder, unknown paths to index.html', () => {
    expect(resolveAppRequest(dir, 'app://renderer/assets/app.js')).toEqual({ status: 200, file: path.join(dir, 'assets', 'app.js') });
    expect(resolveAppRequest(dir, 'app://renderer/')).toEqual({ status: 200, file: path.join(dir, 'index.html') });
    expect(resolveAppRequest(dir, 'app://renderer/runs/view')).toEqual({ status: 200, file: path.join(dir, 'index.html') });
  });
  it('never leaves the folder and answers only its own host', () => {
    expect(resolveAppRequest(dir, `app://renderer/..%2f${path.basename(dir)}-secret.txt`)).toEqual({ status: 200, file: path.join(dir, 'index.html') });
    expect(resolveAppRequest(dir, 'app://other/index.html')).toEqual({ status: 404, message: 'not found' });
    expect(resolveAppRequest(dir, 'https://renderer/index.html')).toEqual({ status: 404, message: 'not found' });
  });
  it('says so when the renderer is not built', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-empty-'));
    expect(resolveAppRequest(empty, 'app://renderer/index.html')).toEqual({ status: 503, message: `renderer not built: ${empty}` });
  });
  it('sends the CSP, the MIME type and nosniff with every file', () => {
    expect(appResponseHeaders(path.join(dir, 'index.html'))).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': ELECTRON_CSP,
      'x-content-type-options': 'nosniff',
    });
    expect(appResponseHeaders('x/app.js')['content-type']).toBe('text/javascript; charset=utf-8');
  });
});
