// Electron main process: hosts the engine (runs execute in worker threads, so the window never stalls), serves
// the built renderer over a privileged app:// protocol with a CSP header, answers the preload's typed calls
// over IPC (validated by the shared contract), and streams engine events to the window.
//
// Start-up order matters: the IPC handler and the window reference exist before the page starts loading, so
// the renderer's first call (app.info, made while the page loads) comes from a known window and is answered.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { apiEvents } from '../../src-shared/api/contract';
import { createEngine, type Engine } from '../engine/engine';
import { WorkerRunExecutor } from '../engine/executor';
import { appResponseHeaders, resolveAppRequest } from './app-protocol';
import { APP_SCHEME, CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { isTrustedSender, lockDownContents, lockDownSession, rendererEntryUrl, resolveDevServerUrl, secureWebPreferences } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Built layout (electron-vite): out/main/{index,run-worker}.js, out/preload/index.cjs, out/renderer/. */
const rendererDir = path.join(here, '../renderer');
const preloadFile = path.join(here, '../preload/index.cjs');
const workerFile = path.join(here, 'run-worker.js');
// An empty ELECTRON_RENDERER_URL counts as unset (the Electron e2e sets it to "" to load the built renderer).
const devServerUrl = resolveDevServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

function runsRoot(): string {
  const flag = process.argv.find((a) => a.startsWith('--runs-dir='));
  return path.resolve(flag ? flag.slice('--runs-dir='.length) : (process.env.VECWB_RUNS_DIR ?? path.join(app.getPath('userData'), 'runs')));
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(rendererDir, request.url);
    if (target.status !== 200) return new Response(target.message, { status: target.status });
    const body = await fs.promises.readFile(target.file);
    return new Response(body, { headers: appResponseHeaders(target.file) });
  });
}

/** Builds the window without loading it: the caller records it as the trusted window first, then loads. */
async function buildWindow(engine: Engine): Promise<BrowserWindow> {
  const state = (await engine.handlers['state.get']({})).layout.window;
  const win = new BrowserWindow({
    width: state?.width ?? 1440,
    height: state?.height ?? 920,
    x: state?.x,
    y: state?.y,
    minWidth: 900,
    minHeight: 600,
    title: 'VEC Workbench',
    show: false,
    webPreferences: secureWebPreferences(preloadFile, app.isPackaged),
  });
  win.once('ready-to-show', () => win.show());
  // Window layout is part of the persisted UI state.
  win.on('close', () => {
    const b = win.getBounds();
    void engine.call('state.update', { layout: { window: { x: b.x, y: b.y, width: Math.max(400, b.width), height: Math.max(300, b.height) } } });
  });
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => lockDownContents(contents, devServerUrl, (url) => shell.openExternal(url)));
  serveRenderer();

  const engine = createEngine({
    runsRoot: runsRoot(),
    shell: 'electron',
    stateFile: path.join(app.getPath('userData'), 'workbench-state.json'),
    executor: new WorkerRunExecutor(workerFile),
    onInternalError: (err, method) => console.error(`internal error in ${method}:`, err),
  });
  let win: BrowserWindow | null = null;

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event, win, devServerUrl)) return { ok: false, error: { code: 'user', message: 'call from an untrusted frame refused', issues: [] } };
    return engine.call(method, params);
  });
  engine.onEvent((e) => {
    if (!win || win.isDestroyed()) return;
    if (!apiEvents[e.event].safeParse(e.payload).success) return;
    win.webContents.send(EVENT_CHANNEL, e.event, e.payload);
  });

  const openWindow = async () => {
    const created = await buildWindow(engine);
    // Trusted before the page loads: the renderer calls the engine while loadURL is still pending.
    win = created;
    await created.loadURL(rendererEntryUrl(devServerUrl));
  };
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    // Active runs stop at the next slot and keep a checkpoint; then the app really quits.
    void engine.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

/** Settles when the first window has loaded (or start-up failed); tests await it with a fake `electron`. */
export const started: Promise<void> = main().catch((err: unknown) => {
  console.error(`VEC Workbench could not start: ${err instanceof Error ? err.message : String(err)}`);
  // Without a window the user would see nothing at all: quit with a failure code instead of hanging.
  if (BrowserWindow.getAllWindows().length === 0) app.exit(1);
});
