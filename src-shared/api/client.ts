// The renderer's view of the engine: typed calls and events over any transport (Electron preload or WebSocket).
// Params are checked before they leave, results and events when they arrive, so both sides enforce the contract.
import { ApiError, apiErrorSchema } from './common';
import {
  apiEvents,
  apiMethods,
  isApiEventName,
  type ApiEventName,
  type ApiEventPayload,
  type ApiMethod,
  type ApiParams,
  type ApiResult,
} from './contract';
import type { CallOutcome } from './wire';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ApiTransport {
  readonly kind: 'web' | 'electron';
  call(method: ApiMethod, params: unknown): Promise<CallOutcome>;
  /** Raw events; the client validates them. Returns an unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** Connection changes (a WebSocket reconnecting); Electron IPC is always open. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

export interface ApiClient {
  readonly kind: 'web' | 'electron';
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

export function createApiClient(transport: ApiTransport, onInvalidEvent?: (event: string, why: string) => void): ApiClient {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  transport.subscribe((event, payload) => {
    if (!isApiEventName(event)) {
      onInvalidEvent?.(event, 'unknown event');
      return;
    }
    const set = listeners.get(event);
    if (!set || set.size === 0) return;
    const parsed = apiEvents[event].safeParse(payload);
    if (!parsed.success) {
      onInvalidEvent?.(event, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    for (const l of set) l(parsed.data as never);
  });

  return {
    kind: transport.kind,
    async call(method, params) {
      const spec = apiMethods[method];
      const checked = spec.params.safeParse(params ?? {});
      if (!checked.success) {
        throw new ApiError({
          code: 'validation',
          message: `invalid params of ${method}`,
          issues: checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        });
      }
      // Send what the caller gave (not the defaults-filled copy): the engine applies the same schema.
      const outcome = await transport.call(method, params ?? {});
      if (!outcome.ok) throw new ApiError(apiErrorSchema.parse(outcome.error));
      const result = spec.result.safeParse(outcome.result);
      if (!result.success) {
        throw new ApiError({ code: 'internal', message: `result of ${method} breaks the contract`, issues: [] });
      }
      return result.data as ApiResult<typeof method>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onStatus(listener) {
      return transport.onStatus(listener);
    },
  };
}
