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

type LayerRowsJson = {
  model: string;
  rows: ({ row: number; name: string; kind: string; inputBytes: number; workloadOps: number } & Record<string, unknown>)[];
  totalOps: number;
};

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

  it('--rows --json lists the raw rows; AlexNet conv1 and fc6 by hand', async () => {
    const out = JSON.parse((await vecwb('AlexNet', '--rows', '--json')).stdout) as LayerRowsJson;
    expect(out.rows).toHaveLength(11);
    // conv1: 224x224x3 input, 64 kernels 11x11, stride 4, padding 2 -> 55x55 output (floor((224 + 4 - 11) / 4) + 1).
    // D = 224 * 224 * 3 * 4 = 602112 bytes (eq. 3); B = 2 * 55 * 55 * (3 * 121 + 1) * 64 = 140940800 ops (eq. 6).
    expect(out.rows[0]).toEqual({
      row: 1, name: 'conv1', unit: 'conv1', kind: 'conv',
      h: 224, w: 224, cIn: 3, cOut: 64, kernel: 11, stride: 4, padding: 2,
      inputBytes: 602112, workloadOps: 140940800,
    });
    // fc6: U_in = 6 * 6 * 256 = 9216, U_out = 4096: D = 9216 * 4 = 36864 bytes; B = (2 * 9216 - 1) * 4096 = 75493376 ops.
    expect(out.rows[8]).toEqual({ row: 9, name: 'fc6', unit: 'fc6', kind: 'fc', uIn: 9216, uOut: 4096, inputBytes: 36864, workloadOps: 75493376 });
    expect(out.totalOps).toBe(out.rows.reduce((s, r) => s + r.workloadOps, 0));
  });

  it('--rows prints one line per row; ResNet18 block rows name their unit and rho scales D_l', async () => {
    const { stdout } = await vecwb('ResNet18', '--rows', '--bytes-per-element', '2');
    expect(stdout).toContain('ResNet18: 23 layer rows, rho = 2 bytes/element');
    // layer2.0's 1x1 downsample takes the block input 56x56x64: D = 56 * 56 * 64 * 2 = 401408 bytes;
    // output 28x28x128, B = 2 * 28 * 28 * (64 * 1 + 1) * 128 = 13045760 ops.
    expect(stdout).toMatch(/^\s+9\s+layer2\.0\.downsample\s+conv\s+layer2\.0\s+56\s+56\s+64\s+128\s+1\s+2\s+0\s+401408\s+13045760$/m);
    // fc: U_in = 512, U_out = 1000; D = 1024 bytes, B = (2 * 512 - 1) * 1000 = 1023000 ops.
    expect(stdout).toMatch(/^\s+23\s+fc\s+fc\s+fc\s+512\s+1000\s+1024\s+1023000$/m);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1 + 2 + 23 + 1);
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
      stderr: expect.stringContaining('bytes-per-element: must be > 0 (bytes per tensor element, rho of eq. (3)); got -1; allowed > 0 and <= 16'),
    });
  });
});
