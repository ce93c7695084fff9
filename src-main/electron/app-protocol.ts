// The app:// protocol of the Electron shell: which file of the built renderer a request gets, and the headers
// it is served with (the renderer's CSP on every response). Pure (node:fs only), tested in tests/electron/.
import { mimeOf, resolveStatic } from '../server/static-files';
import { APP_HOST, APP_SCHEME, ELECTRON_CSP } from './channels';

export type AppRequestTarget = { status: 200; file: string } | { status: 404 | 503; message: string };

/** app://renderer/<path> -> a file inside rendererDir (unknown paths fall back to index.html); else 404/503. */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404, message: 'not found' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404, message: 'not found' };
  const file = resolveStatic(rendererDir, url.pathname) ?? resolveStatic(rendererDir, '/');
  if (!file) return { status: 503, message: `renderer not built: ${rendererDir}` };
  return { status: 200, file };
}

export function appResponseHeaders(file: string): Record<string, string> {
  return { 'content-type': mimeOf(file), 'content-security-policy': ELECTRON_CSP, 'x-content-type-options': 'nosniff' };
}
