import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/errors';
import { selectBackend } from '../../src-main/rl/backend';

const saved = process.env.VECWB_TF_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.VECWB_TF_BACKEND;
  else process.env.VECWB_TF_BACKEND = saved;
});

describe('TF backend selection', () => {
  it('auto picks the fastest backend that loads and says why', async () => {
    delete process.env.VECWB_TF_BACKEND;
    const choice = await selectBackend('auto');
    expect(['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']).toContain(choice.name);
    expect(choice.reason).toMatch(/^auto/);
    if (choice.name === 'wasm') expect(choice.reason).toMatch(/tfjs-node(-gpu)? is not installed|failed to load/);
  });

  it('honours an explicit choice and the VECWB_TF_BACKEND variable', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    process.env.VECWB_TF_BACKEND = 'wasm';
    expect((await selectBackend()).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects unknown names and reports missing native packages as a user error', async () => {
    await expect(selectBackend('cuda')).rejects.toThrow(UserError);
    await expect(selectBackend('cuda')).rejects.toThrow(/one of auto, tensorflow, tfjs-node-gpu, tfjs-node, wasm, cpu/);
    let nativeInstalled = true;
    try {
      await import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      nativeInstalled = false;
    }
    if (!nativeInstalled) await expect(selectBackend('tfjs-node')).rejects.toThrow(/tfjs-node is not installed/);
  });
});
