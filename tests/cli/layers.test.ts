import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(__dirname, '../..');
const vecwb = (...args: string[]) => run('node', ['bin/vecwb.mjs', 'layers', ...args], { cwd: root });

interface LayersJson {
  model: string;
  bytesPerElement: number;
  units: { l: number; name: string; inputBytes: number; workloadOps: number; cumulativeOps: number }[];
  totalOps: number;
}

describe('vecwb layers', () => {
  it('prints VGG16 as JSON with hand-checked D_1 and B_1 and consistent totals', async () => {
    const { stdout } = await vecwb('VGG16', '--json');
    const out = JSON.parse(stdout) as LayersJson;
    expect(out.model).toBe('VGG16');
    expect(out.units).toHaveLength(21);
    expect(out.units.map((u) => u.l)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(out.units[0]).toMatchObject({ name: 'conv1_1', inputBytes: 224 * 224 * 3 * 4, workloadOps: 2 * 224 * 224 * 28 * 64 });
    expect(out.totalOps).toBe(out.units.reduce((s, u) => s + u.workloadOps, 0));
    expect(out.units[20].cumulativeOps).toBe(out.totalOps);
    expect(Math.abs(out.totalOps / (2 * 15.47e9) - 1)).toBeLessThan(0.03);
  });

  it('prints a table with totals; rho scales D_l', async () => {
    const { stdout } = await vecwb('resnet18', '--bytes-per-element', '2');
    expect(stdout).toContain('ResNet18: 12 partition units');
    expect(stdout).toMatch(/^\s+1\s+conv1\s+301056\s+/m); // 224*224*3*2
    expect(stdout).toMatch(/^total B = \d+ ops/m);
  });

  it('profiles a user model file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vecwb-cli-')), 'mlp.json');
    writeFileSync(file, JSON.stringify({ name: 'Mlp', layers: [{ kind: 'fc', name: 'f1', uIn: 10, uOut: 5 }, { kind: 'fc', name: 'f2', uIn: 5, uOut: 1 }] }));
    const out = JSON.parse((await vecwb('--model-file', file, '--json')).stdout) as LayersJson;
    expect(out.units.map((u) => [u.inputBytes, u.workloadOps])).toEqual([
      [40, 19 * 5],
      [20, 9 * 1],
    ]);
  });

  it('an unknown model exits with code 2 and a message on stderr', async () => {
    await expect(vecwb('NoSuchNet')).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('unknown DNN model "NoSuchNet"; known models: AlexNet, ResNet18, VGG16'),
    });
  });

  it('a bad --bytes-per-element exits with code 2 naming the option', async () => {
    await expect(vecwb('VGG16', '--bytes-per-element', '-1')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('bytes-per-element: must be > 0'),
    });
  });
});
