// The Electron main process (src-main/electron/main.ts) started against a fake `electron` module, so its
// start-up order is tested without the binary. Issue 13 item 2: the renderer calls app.info while the page is
// still loading (before loadURL resolves); that first call must be answered, not refused as untrusted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;
interface CallOutcomeLike {
  ok: boolean;
  result?: { shell?: string; version?: string };
  error?: { message: string };
}

const fake = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/vecwb-main-startup-${process.pid}`;
  process.env.VECWB_RUNS_DIR = `${userData}/runs`;
  delete process.env.ELECTRON_RENDERER_URL;
  const order: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const firstCalls: unknown[] = [];
  const openedExternally: string[] = [];

  class FakeWebContents {
    readonly sent: unknown[][] = [];
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }
  class FakeWindow {
    readonly webContents = new FakeWebContents();
    readonly handlers = new Map<string, Listener>();
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      order.push('new BrowserWindow');
      windows.push(this);
    }
    once(event: string, l: Listener) {
      this.handlers.set(event, l);
    }
    on(event: string, l: Listener) {
      this.handlers.set(event, l);
    }
    show() {}
    isDestroyed() {
      return false;
    }
    getBounds() {
      return { x: 0, y: 0, width: 1000, height: 700 };
    }
    /** The page starts loading: its script calls app.info at once, before loadURL resolves. */
    async loadURL(url: string) {
      order.push(`loadURL ${url}`);
      const handler = ipcHandlers.get('vecwb:call');
      if (!handler) throw new Error('no IPC handler while the page loads');
      const event = { sender: this.webContents, senderFrame: { url, parent: null } };
      firstCalls.push(await handler(event, 'app.info', {}));
      // A frame of another origin in the same window is still refused.
      firstCalls.push(await handler({ sender: this.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.info', {}));
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => order.push('app.enableSandbox'),
      whenReady: async () => {
        order.push('app.whenReady');
      },
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return userData;
      },
      on: (event: string, l: Listener) => {
        appListeners.set(event, l);
      },
      quit: () => order.push('app.quit'),
      exit: (code: number) => order.push(`app.exit ${code}`),
    },
    BrowserWindow: Object.assign(FakeWindow, { getAllWindows: () => windows }),
    ipcMain: {
      handle: (channel: string, l: Listener) => {
        order.push(`ipcMain.handle ${channel}`);
        ipcHandlers.set(channel, l);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => order.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string) => order.push(`protocol.handle ${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => order.push('session.setPermissionRequestHandler'),
        setPermissionCheckHandler: () => order.push('session.setPermissionCheckHandler'),
      },
    },
    shell: {
      openExternal: async (url: string) => {
        openedExternally.push(url);
      },
    },
  };
  return { electron, order, appListeners, windows, firstCalls, openedExternally, userData };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

fs.mkdirSync(fake.userData, { recursive: true });
const { started } = await import('../../src-main/electron/main');
await started;

describe('Electron main process start-up (fake electron module)', () => {
  it('answers the renderer call made while the page loads, and still refuses other frames', () => {
    expect(fake.firstCalls).toHaveLength(2);
    const [first, foreign] = fake.firstCalls as CallOutcomeLike[];
    expect(first.ok).toBe(true);
    expect(first.result?.shell).toBe('electron');
    expect(foreign).toEqual({ ok: false, error: { code: 'user', message: 'call from an untrusted frame refused', issues: [] } });
  });

  it('registers the scheme and the sandbox before ready, locks the session and the IPC handler before the window loads', () => {
    const at = (step: string) => {
      const i = fake.order.indexOf(step);
      expect(i, step).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('protocol.registerSchemesAsPrivileged app')).toBeLessThan(at('app.whenReady'));
    expect(at('app.enableSandbox')).toBeLessThan(at('app.whenReady'));
    expect(at('app.whenReady')).toBeLessThan(at('session.setPermissionRequestHandler'));
    expect(at('session.setPermissionCheckHandler')).toBeLessThan(at('new BrowserWindow'));
    expect(at('protocol.handle app')).toBeLessThan(at('loadURL app://renderer/index.html'));
    expect(at('ipcMain.handle vecwb:call')).toBeLessThan(at('loadURL app://renderer/index.html'));
    expect(fake.order).not.toContain('app.exit 1');
  });

  it('opens the window sandboxed and isolated, with the preload next to the build', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0].options.webPreferences ?? {};
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: true });
    expect(path.basename(String(prefs.preload))).toBe('index.cjs');
  });

  it('sends links to the system browser only for allowed https hosts', () => {
    const created = fake.appListeners.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    created!({}, { on: () => undefined, setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h) });
    for (const url of ['https://arxiv.org/abs/2401.0001', 'https://evil.example/', 'file:///etc/passwd', 'http://github.com/']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual(['https://arxiv.org/abs/2401.0001']);
  });

  it('keeps the engine state in userData', () => {
    expect(fs.existsSync(path.join(fake.userData, 'runs', '_traces'))).toBe(true);
  });
});
