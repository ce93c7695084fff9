// Connection to the engine: app info, transport status, and user-facing notices (errors, export results).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../../../src-shared/api/common';
import type { ConnectionStatus } from '../../../src-shared/api/client';
import type { AppInfo } from '../../../src-shared/api/contract';
import { api } from '../api';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

let noticeId = 1;

export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.issues.length > 0) {
    return `${err.message}: ${err.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export const useConnectionStore = defineStore('connection', () => {
  const info = ref<AppInfo | null>(null);
  const status = ref<ConnectionStatus>('connecting');
  const notices = ref<Notice[]>([]);

  function notify(text: string, kind: Notice['kind'] = 'info', ttlMs = kind === 'error' ? 12000 : 4000): void {
    const notice = { id: noticeId++, kind, text };
    notices.value = [...notices.value.slice(-2), notice];
    if (ttlMs > 0) setTimeout(() => dismiss(notice.id), ttlMs);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  function fail(err: unknown): void {
    notify(errorText(err), 'error');
  }

  async function load(): Promise<void> {
    info.value = await api().call('app.info', {});
  }

  function watchStatus(onReconnect: () => void): () => void {
    let wasClosed = false;
    return api().onStatus((s) => {
      status.value = s;
      if (s === 'closed') wasClosed = true;
      if (s === 'open' && wasClosed) {
        wasClosed = false;
        onReconnect();
      }
    });
  }

  return { info, status, notices, notify, dismiss, fail, load, watchStatus };
});
