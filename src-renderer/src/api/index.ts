// The renderer's single API client. Stores call `api()`; main.ts installs the transport (Electron preload when
// present, else the WebSocket of `vecwb serve`); tests install a fake.
import { createApiClient, type ApiClient } from '../../../src-shared/api/client';
import { createElectronTransport, preloadApi } from './electron-transport';
import { createWsTransport } from './ws-transport';

let client: ApiClient | null = null;

export function setApiClient(c: ApiClient): void {
  client = c;
}

export function api(): ApiClient {
  if (!client) throw new Error('API client not installed (call installDefaultClient or setApiClient first)');
  return client;
}

/** The token of the web shell: from ?token= on first load (then removed from the address bar), else the session. */
function webToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('vecwb-token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('vecwb-token') ?? '';
}

export function installDefaultClient(): ApiClient {
  const preload = preloadApi();
  const transport = preload
    ? createElectronTransport(preload)
    : createWsTransport(`ws://${location.host}/ws?token=${encodeURIComponent(webToken())}`);
  const c = createApiClient(transport, (event, why) => console.warn(`dropped invalid event ${event}: ${why}`));
  setApiClient(c);
  return c;
}
