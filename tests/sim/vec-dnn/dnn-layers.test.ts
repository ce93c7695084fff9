import { describe, expect, it } from 'vitest';
import { checkLayerChain, dnnModelSchema, type DnnLayer, type DnnModel } from '../../../src-shared/schemas/dnn-model';
import { ValidationError, parseWith } from '../../../src-shared/validation';
import {
  layerInputBytes,
  layerWorkloadOps,
  partitionRows,
  profileLayerRows,
  profileModel,
} from '../../../src-main/sim/vec-dnn/dnn-layers';
import { resolveModel } from '../../../src-main/sim/vec-dnn/model-catalog';
import { localOps, offloadedOps, transmittedBytes } from '../../../src-main/sim/vec-dnn/model-profile';

const rho = 4;
const row = (model: DnnModel, name: string): DnnLayer => {
  const found = model.layers.find((l) => l.name === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};
const unit = (name: string, unitName: string) => {
  const u = profileModel(resolveModel(name), rho).units.find((x) => x.name === unitName);
  if (!u) throw new Error(`no unit ${unitName}`);
  return u;
};

describe('preset totals against torchvision MAC counts (eq. (6) ~ 2 ops per MAC)', () => {
  it.each([
    ['AlexNet', 0.714e9],
    ['ResNet18', 1.81e9],
    ['VGG16', 15.47e9],
  ])('%s lands within 3 %% of 2 x %d MAC', (name, macs) => {
    const p = profileModel(resolveModel(name), rho);
    expect(Math.abs(p.totalOps / (2 * macs) - 1)).toBeLessThan(0.03);
    expect(p.totalOps).toBe(p.units.reduce((s, u) => s + u.workloadOps, 0));
  });
});

describe('hand-computed D_l (eq. 3) and B_l (eq. 6)', () => {
  const vgg = resolveModel('VGG16');
  it('VGG16 conv1_1', () => {
    expect(layerInputBytes(row(vgg, 'conv1_1'), rho)).toBe(224 * 224 * 3 * 4);
    expect(layerWorkloadOps(row(vgg, 'conv1_1'))).toBe(2 * 224 * 224 * (3 * 9 + 1) * 64);
    expect(unit('VGG16', 'conv1_1')).toEqual({ name: 'conv1_1', inputBytes: 602112, workloadOps: 179830784 });
  });
  it('VGG16 fc6 (FC branch of both equations)', () => {
    expect(unit('VGG16', 'fc6')).toEqual({ name: 'fc6', inputBytes: 25088 * 4, workloadOps: (2 * 25088 - 1) * 4096 });
  });
  it('VGG16 pool1 counts H_out W_out C ker^2 comparisons', () => {
    expect(unit('VGG16', 'pool1')).toEqual({ name: 'pool1', inputBytes: 224 * 224 * 64 * 4, workloadOps: 112 * 112 * 64 * 4 });
  });
  it('AlexNet conv1 uses the 55x55 output map (stride 4, padding 2)', () => {
    expect(unit('AlexNet', 'conv1').workloadOps).toBe(2 * 55 * 55 * (3 * 121 + 1) * 64);
    expect(layerWorkloadOps(row(resolveModel('AlexNet'), 'conv1'), { convSpatialDims: 'input', poolWorkload: 'comparisons' })).toBe(
      2 * 224 * 224 * (3 * 121 + 1) * 64,
    );
  });
  it('ResNet18 layer2.0 block: D of its first row, B summed over conv1, conv2 and the 1x1 downsample', () => {
    const conv1 = 2 * 28 * 28 * (64 * 9 + 1) * 128;
    const conv2 = 2 * 28 * 28 * (128 * 9 + 1) * 128;
    const downsample = 2 * 28 * 28 * (64 * 1 + 1) * 128;
    expect(unit('ResNet18', 'layer2.0')).toEqual({ name: 'layer2.0', inputBytes: 56 * 56 * 64 * 4, workloadOps: conv1 + conv2 + downsample });
    expect(unit('ResNet18', 'maxpool')).toEqual({ name: 'maxpool', inputBytes: 112 * 112 * 64 * 4, workloadOps: 56 * 56 * 64 * 9 });
  });
  it('pool rows follow eq. (6) literally when asked', () => {
    const pool1 = row(vgg, 'pool1');
    expect(layerWorkloadOps(pool1, { convSpatialDims: 'output', poolWorkload: 'eq6' })).toBe(2 * 112 * 112 * (64 * 4 + 1) * 64);
  });
  it('D_l scales with rho', () => {
    expect(profileModel(vgg, 2).units[0].inputBytes).toBe(224 * 224 * 3 * 2);
  });
});

describe('partition units', () => {
  it('ResNet18 can only be cut between residual blocks: 12 units', () => {
    const p = profileModel(resolveModel('ResNet18'), rho);
    expect(p.units.map((u) => u.name)).toEqual([
      'conv1', 'maxpool',
      'layer1.0', 'layer1.1', 'layer2.0', 'layer2.1', 'layer3.0', 'layer3.1', 'layer4.0', 'layer4.1',
      'avgpool', 'fc',
    ]);
    expect(resolveModel('ResNet18').layers).toHaveLength(23);
  });
  it('AlexNet has 11 units and VGG16 21, one per row', () => {
    expect(profileModel(resolveModel('AlexNet'), rho).units).toHaveLength(11);
    expect(profileModel(resolveModel('VGG16'), rho).units).toHaveLength(21);
  });
  it('groups consecutive rows by block label only', () => {
    const layers: DnnLayer[] = [
      { kind: 'fc', name: 'a', uIn: 4, uOut: 4, block: 'x' },
      { kind: 'fc', name: 'b', uIn: 4, uOut: 4, block: 'x' },
      { kind: 'fc', name: 'c', uIn: 4, uOut: 4 },
      { kind: 'fc', name: 'd', uIn: 4, uOut: 4 },
      { kind: 'fc', name: 'e', uIn: 4, uOut: 2, block: 'y' },
    ];
    expect(partitionRows(layers).map((u) => u.map((r) => r.name).join('+'))).toEqual(['a+b', 'c', 'd', 'e']);
  });
  it('cut-point helpers agree with the profile at both ends', () => {
    const p = profileModel(resolveModel('VGG16'), rho);
    const L = p.units.length;
    expect(localOps(p, 1)).toBe(0);
    expect(offloadedOps(p, 1)).toBe(p.totalOps);
    expect(localOps(p, L + 1)).toBe(p.totalOps);
    expect(transmittedBytes(p, 1)).toBe(224 * 224 * 3 * 4);
    expect(transmittedBytes(p, L + 1)).toBe(0);
  });
});

describe('layer chain validation', () => {
  const good: DnnLayer[] = [
    { kind: 'conv', name: 'c1', h: 8, w: 8, cIn: 3, cOut: 4, kernel: 3, stride: 1, padding: 1 },
    { kind: 'pool', name: 'p1', h: 8, w: 8, cIn: 4, cOut: 4, kernel: 2, stride: 2, padding: 0 },
    { kind: 'fc', name: 'f1', uIn: 64, uOut: 10 },
    { kind: 'fc', name: 'f2', uIn: 10, uOut: 2 },
  ];
  const withRow = (i: number, patch: Partial<DnnLayer>): DnnLayer[] =>
    good.map((l, j) => (j === i ? ({ ...l, ...patch } as DnnLayer) : l));

  it('accepts a chained table and all presets', () => {
    expect(checkLayerChain(good)).toEqual([]);
    for (const name of ['AlexNet', 'ResNet18', 'VGG16']) expect(checkLayerChain(resolveModel(name).layers)).toEqual([]);
  });
  it('names row and field of a spatial mismatch', () => {
    const issues = checkLayerChain(withRow(1, { h: 7 }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 1, field: 'h' });
    expect(issues[0].message).toContain('h = 7');
    expect(issues[0].message).toContain('8x8x4');
  });
  it('checks FC U_in against the flattened map and against the previous U_out', () => {
    expect(checkLayerChain(withRow(2, { uIn: 63 }))).toMatchObject([{ row: 2, field: 'uIn' }]);
    expect(checkLayerChain(withRow(2, { uIn: 63 }))[0].message).toContain('64');
    expect(checkLayerChain(withRow(3, { uIn: 11 }))).toMatchObject([{ row: 3, field: 'uIn' }]);
  });
  it('reports pool channel changes, oversized kernels, duplicate names, split blocks, bad inputFrom, conv after fc', () => {
    expect(checkLayerChain(withRow(1, { cOut: 5 }))).toMatchObject([{ row: 1, field: 'cOut' }]);
    expect(checkLayerChain(withRow(0, { kernel: 11 }))).toMatchObject([{ row: 0, field: 'kernel' }]);
    expect(checkLayerChain(withRow(3, { name: 'f1' }))).toMatchObject([{ row: 3, field: 'name' }]);
    const split = good.map((l, j) => ({ ...l, block: j === 2 ? undefined : 'b' })) as DnnLayer[];
    expect(checkLayerChain(split)).toMatchObject([{ row: 3, field: 'block' }]);
    expect(checkLayerChain(withRow(1, { inputFrom: 'nope' }))).toMatchObject([{ row: 1, field: 'inputFrom' }]);
    const convAfterFc: DnnLayer[] = [...good, { kind: 'conv', name: 'c2', h: 1, w: 1, cIn: 2, cOut: 2, kernel: 1, stride: 1, padding: 0 }];
    expect(checkLayerChain(convAfterFc)).toMatchObject([{ row: 4, field: 'kind' }]);
  });
  it('skipChainCheck opts a row out of the comparison; inputFrom compares with that row input', () => {
    expect(checkLayerChain(withRow(2, { uIn: 63, skipChainCheck: true }))).toEqual([]);
    const branch: DnnLayer = { kind: 'conv', name: 'side', h: 8, w: 8, cIn: 3, cOut: 4, kernel: 1, stride: 2, padding: 0, inputFrom: 'c1' };
    expect(checkLayerChain([good[0], good[1], branch, { kind: 'fc', name: 'f', uIn: 64, uOut: 1 }])).toEqual([]);
    expect(checkLayerChain([good[0], good[1], { ...branch, cIn: 4 }])).toMatchObject([{ row: 2, field: 'cIn' }]);
  });
  it('the schema reports chain issues under layers.<row>.<field>', () => {
    const parse = () => parseWith(dnnModelSchema, { name: 'bad', layers: withRow(1, { w: 9 }) }, 'model');
    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(/layers\.1\.w: row 2 \(p1\): w = 9/);
  });
  it('profileModel refuses an unchained table and a bad rho instead of returning NaN', () => {
    expect(() => profileModel({ name: 'bad', layers: withRow(1, { cIn: 5 }) }, rho)).toThrow(/layers\.1\.cIn/);
    expect(() => profileModel({ name: 'ok', layers: good }, 0)).toThrow(RangeError);
    expect(() => profileModel({ name: 'ok', layers: good }, Number.NaN)).toThrow(/bytesPerElement/);
  });
});

describe('per-row profile', () => {
  it('ResNet18 rows: output sizes, unit labels, and row workloads summing to the unit workloads', () => {
    const model = resolveModel('ResNet18');
    const rows = profileLayerRows(model, rho);
    expect(rows).toHaveLength(23);
    expect(rows[0]).toEqual({
      index: 0, name: 'conv1', kind: 'conv', unit: 'conv1',
      outputElements: 112 * 112 * 64, outputBytes: 112 * 112 * 64 * 4, workloadOps: 2 * 112 * 112 * (3 * 49 + 1) * 64,
    });
    expect(rows[8]).toMatchObject({ name: 'layer2.0.downsample', unit: 'layer2.0', outputElements: 28 * 28 * 128 });
    expect(rows[22]).toMatchObject({ name: 'fc', kind: 'fc', outputElements: 1000, workloadOps: 1023 * 1000 });
    const p = profileModel(model, rho);
    for (const u of p.units) {
      expect(rows.filter((r) => r.unit === u.name).reduce((s, r) => s + r.workloadOps, 0)).toBe(u.workloadOps);
    }
  });
});
