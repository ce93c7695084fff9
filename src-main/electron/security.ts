// Lock-down of every web contents the app creates: no navigation away from the app, no new windows (http(s)
// links open in the system browser), no webviews, no permission grants; IPC only from the app's own frame.
import { shell, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './channels';

/** True for URLs of the app itself: the custom protocol, or the electron-vite dev server in development. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (u.origin === APP_ORIGIN || `${u.protocol}//${u.host}` === APP_ORIGIN) return true;
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return false;
  } catch {
    return false;
  }
}

export function lockDownContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
