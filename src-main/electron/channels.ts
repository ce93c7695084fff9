// IPC channel names shared by the Electron main process and the preload script (nothing else crosses IPC).
export const CALL_CHANNEL = 'vecwb:call';
export const EVENT_CHANNEL = 'vecwb:event';

/** Scheme and host the packaged renderer is served from (a privileged custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** CSP of the Electron renderer: own scripts only, no network at all (the API goes through IPC). */
export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
