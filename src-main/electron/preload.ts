// Preload of the Electron window (sandboxed, context-isolated): exposes exactly two functions as window.vecwb,
// built by preload-api.ts (contract checks on both directions).
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('vecwb', createPreloadApi(ipcRenderer));
