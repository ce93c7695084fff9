import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import type { DnnModel } from '../../../src-shared/schemas/dnn-model';
import { vecDnnScenarioSchema } from '../../../src-shared/schemas/vec-dnn-scenario';
import { ValidationError } from '../../../src-shared/validation';
import { knownModelNames, listPresetModels, loadModelFile, resolveModel } from '../../../src-main/sim/vec-dnn/model-catalog';

const tiny: DnnModel = { name: 'Tiny', layers: [{ kind: 'fc', name: 'f', uIn: 8, uOut: 2 }] };
const tmp = mkdtempSync(join(tmpdir(), 'vecwb-models-'));

describe('resolveModel', () => {
  it('finds presets by exact and case-insensitive name', () => {
    expect(resolveModel('VGG16').name).toBe('VGG16');
    expect(resolveModel('resnet18').name).toBe('ResNet18');
  });
  it('custom models are found and shadow presets of the same name', () => {
    expect(resolveModel('Tiny', [tiny])).toBe(tiny);
    const myVgg = { ...tiny, name: 'VGG16' };
    expect(resolveModel('VGG16', [myVgg])).toBe(myVgg);
    expect(knownModelNames([tiny])).toEqual(['Tiny', 'AlexNet', 'ResNet18', 'VGG16']);
  });
  it('an unknown name is a UserError listing the known models', () => {
    expect(() => resolveModel('LeNet', [tiny])).toThrow(UserError);
    expect(() => resolveModel('LeNet', [tiny])).toThrow('unknown DNN model "LeNet"; known models: Tiny, AlexNet, ResNet18, VGG16');
  });
});

describe('model files', () => {
  it('resources/models/*.json are the presets (regenerate with scripts/export-model-presets.ts)', () => {
    const dir = join(__dirname, '../../../resources/models');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(['alexnet.json', 'resnet18.json', 'vgg16.json']);
    for (const preset of listPresetModels()) {
      expect(loadModelFile(join(dir, `${preset.name.toLowerCase()}.json`))).toEqual(preset);
    }
  });
  it('loads a valid user file', () => {
    const file = join(tmp, 'tiny.json');
    writeFileSync(file, JSON.stringify(tiny));
    expect(loadModelFile(file)).toEqual(tiny);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(tiny);
  });
  it('missing file and broken JSON are UserErrors; a bad table is a ValidationError naming row and field', () => {
    expect(() => loadModelFile(join(tmp, 'absent.json'))).toThrow(UserError);
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{"name": ');
    expect(() => loadModelFile(broken)).toThrow(/not valid JSON/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'Bad', layers: [tiny.layers[0], { kind: 'fc', name: 'g', uIn: 3, uOut: 1 }] }));
    expect(() => loadModelFile(bad)).toThrow(ValidationError);
    expect(() => loadModelFile(bad)).toThrow(/layers\.1\.uIn: row 2 \(g\): uIn = 3 but the previous row \(f\) gives 2/);
    const negative = join(tmp, 'negative.json');
    writeFileSync(negative, JSON.stringify({ name: 'Neg', layers: [{ kind: 'fc', name: 'f', uIn: -1, uOut: 1 }] }));
    expect(() => loadModelFile(negative)).toThrow(/layers\.0\.uIn: uIn must be >= 1/);
  });
  it('scenario custom models get the same chain check', () => {
    const result = vecDnnScenarioSchema.safeParse({
      customModels: [{ name: 'Bad', layers: [tiny.layers[0], { kind: 'fc', name: 'g', uIn: 3, uOut: 1 }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['customModels', 0, 'layers', 1, 'uIn']);
  });
});
