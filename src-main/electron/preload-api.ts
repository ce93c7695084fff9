// The API the preload exposes as window.vecwb: exactly call() and onEvent(). Params are checked against the
// shared contract before they cross IPC, events before they reach the page; the main process checks again
// (src-shared/api/dispatch.ts), so both sides enforce one contract. Takes the ipcRenderer it uses, so
// tests/electron/ can drive it with a fake.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { apiEvents, apiMethods, isApiEventName, isApiMethod } from '../../src-shared/api/contract';
import type { CallOutcome } from '../../src-shared/api/wire';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

export type EventListener = (event: string, payload: unknown) => void;
export type PreloadIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export interface PreloadApi {
  call(method: unknown, params: unknown): Promise<CallOutcome>;
  onEvent(listener: EventListener): () => void;
}

export function createPreloadApi(ipc: PreloadIpc): PreloadApi {
  return {
    call(method: unknown, params: unknown): Promise<CallOutcome> {
      if (!isApiMethod(method)) {
        return Promise.resolve({ ok: false, error: { code: 'user', message: `unknown method '${String(method)}'`, issues: [] } });
      }
      const checked = apiMethods[method].params.safeParse(params ?? {});
      if (!checked.success) {
        const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        return Promise.resolve({ ok: false, error: { code: 'validation', message: `invalid params of ${method}`, issues } });
      }
      return ipc.invoke(CALL_CHANNEL, method, params ?? {}) as Promise<CallOutcome>;
    },
    onEvent(listener: EventListener): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      const handler = (_e: IpcRendererEvent, event: unknown, payload: unknown) => {
        if (isApiEventName(event) && apiEvents[event].safeParse(payload).success) listener(event, payload);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
}
