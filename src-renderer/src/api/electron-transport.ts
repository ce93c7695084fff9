// Electron transport: the narrow API the preload script exposes as window.vecwb (contextIsolation keeps the
// renderer away from Node and from ipcRenderer itself).
import type { ApiTransport } from '../../../src-shared/api/client';
import type { ApiMethod } from '../../../src-shared/api/contract';
import type { CallOutcome } from '../../../src-shared/api/wire';

/** What src-main/electron/preload.ts exposes. */
export interface PreloadApi {
  call(method: ApiMethod, params: unknown): Promise<CallOutcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export function preloadApi(): PreloadApi | null {
  const candidate = (globalThis as { vecwb?: PreloadApi }).vecwb;
  return candidate && typeof candidate.call === 'function' && typeof candidate.onEvent === 'function' ? candidate : null;
}

export function createElectronTransport(api: PreloadApi): ApiTransport {
  return {
    kind: 'electron',
    call: (method, params) => api.call(method, params),
    subscribe: (listener) => api.onEvent(listener),
    onStatus(listener) {
      listener('open');
      return () => {};
    },
  };
}
