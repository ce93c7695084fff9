// Lock-down of the Electron shell: which URLs count as the app, no navigation away from it, no new windows
// (https links open in the system browser), no webviews, no permission grants, IPC only from the app's own top
// frame, and the web preferences of the window. Pure functions over the few Electron objects they touch (types
// only are imported), so tests/electron/ runs them without an Electron binary; main.ts passes the real objects.
import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { APP_ORIGIN } from './channels';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, or undefined for the built app. Packaged apps never use one; an unset or
 * empty ELECTRON_RENDERER_URL (tests set it to "") means the built renderer. Anything else must be an
 * http(s) URL on a loopback host: the page at that URL gets the preload API.
 */
export function resolveDevServerUrl(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL is not a URL: '${value}' (unset it to load the built renderer)`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL on localhost, 127.0.0.1 or [::1], got '${value}'`);
  }
  return url.href;
}

/** What the window loads: the dev server in development, else the built renderer over app://. */
export function rendererEntryUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? `${APP_ORIGIN}/index.html`;
}

/** True for URLs of the app itself: the custom protocol, or the electron-vite dev server in development. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    // app:// is not a special scheme for WHATWG URL, so its origin is "null": compare scheme and host.
    if (`${u.protocol}//${u.host}` === APP_ORIGIN && u.username === '' && u.password === '') return true;
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return false;
  } catch {
    return false;
  }
}

/**
 * Hosts a link may open in the system browser (shell.openExternal): where the papers, their DOIs and the
 * project's sources live. Anything else is refused, so a page that got script cannot drive the OS's URL
 * handlers (a known Electron escalation path).
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'doi.org', 'arxiv.org', 'ieeexplore.ieee.org', 'www.electronjs.org'];

/** The URL to hand to the system browser for a window.open / target=_blank link: https to an allowed host, else null. */
export function externalLinkTarget(url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return null;
    return allowedHosts.includes(u.hostname) ? u.href : null;
  } catch {
    return null;
  }
}

type PreventableEvent = { preventDefault(): void };
/** The part of WebContents the lock-down uses. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function lockDownContents(contents: LockableContents, devServerUrl: string | undefined, openExternal: (url: string) => unknown): void {
  const guard = (event: PreventableEvent, url: string) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) void Promise.resolve(openExternal(external)).catch(() => {});
    return { action: 'deny' };
  });
}

export function lockDownSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Only the app's own top frame, in the app's window, may call the engine. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: { webContents: unknown; isDestroyed(): boolean } | null,
  devServerUrl: string | undefined,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

/** Web preferences of the app window: isolated, sandboxed, no Node, no webviews; DevTools only unpackaged. */
export function secureWebPreferences(preload: string, isPackaged: boolean): WebPreferences {
  return {
    preload,
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
    devTools: !isPackaged,
  };
}
