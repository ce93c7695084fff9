// WebSocket transport of the web shell: calls and results matched by id, events pushed by the server,
// reconnects with back-off (pending calls fail with a clear message when the connection drops).
import type { ApiTransport, ConnectionStatus } from '../../../src-shared/api/client';
import { serverMessageSchema, type CallOutcome } from '../../../src-shared/api/wire';

export function createWsTransport(url: string): ApiTransport {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (o: CallOutcome) => void>();
  const queue: string[] = [];
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';

  const setStatus = (s: ConnectionStatus) => {
    status = s;
    for (const l of statusListeners) l(s);
  };

  const connect = () => {
    setStatus('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      retryMs = 250;
      setStatus('open');
      while (queue.length > 0) socket.send(queue.shift() as string);
    };
    socket.onmessage = (ev) => {
      let data: unknown;
      try {
        data = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      const msg = serverMessageSchema.safeParse(data);
      if (!msg.success) return;
      if (msg.data.type === 'event') {
        for (const l of eventListeners) l(msg.data.event, msg.data.payload);
        return;
      }
      const resolve = pending.get(msg.data.id);
      if (!resolve) return;
      pending.delete(msg.data.id);
      resolve(msg.data.ok ? { ok: true, result: msg.data.result } : { ok: false, error: msg.data.error });
    };
    socket.onclose = () => {
      ws = null;
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'internal', message: 'connection to the workbench lost; retrying', issues: [] } });
      }
      setStatus('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    kind: 'web',
    call(method, params) {
      const id = nextId++;
      const text = JSON.stringify({ type: 'call', id, method, params });
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, resolve);
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
        else queue.push(text);
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
