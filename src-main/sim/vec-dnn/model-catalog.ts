// Finds a DNN model by name among the presets and a scenario's custom models, and loads user model files.
import { readFileSync } from 'node:fs';
import { dnnModelSchema, type DnnModel } from '../../../src-shared/schemas/dnn-model';
import { UserError } from '../../../src-shared/errors';
import { parseWith } from '../../../src-shared/validation';
import { parseUserJson } from '../../../src-shared/json-text';
import { presetModels } from './dnn-presets';

// Presets go through the same schema as user models, so a broken table fails loudly at start-up.
const presets: readonly DnnModel[] = presetModels.map((m) => parseWith(dnnModelSchema, m, `preset DNN model ${m.name}`));

/** The built-in models (AlexNet, ResNet18, VGG16). */
export function listPresetModels(): readonly DnnModel[] {
  return presets;
}

/** Names resolvable with the given custom models: custom ones first, then presets they do not shadow. */
export function knownModelNames(customModels: readonly DnnModel[] = []): string[] {
  const names = customModels.map((m) => m.name);
  for (const p of presets) if (!names.includes(p.name)) names.push(p.name);
  return names;
}

/**
 * Resolves a model name. Custom models shadow presets of the same name; an exact match wins over a
 * case-insensitive one (so `vgg16` finds VGG16). Unknown names throw a UserError listing the known ones.
 */
export function resolveModel(name: string, customModels: readonly DnnModel[] = []): DnnModel {
  const candidates = [...customModels, ...presets];
  const exact = candidates.find((m) => m.name === name);
  if (exact) return exact;
  const folded = candidates.find((m) => m.name.toLowerCase() === name.toLowerCase());
  if (folded) return folded;
  throw new UserError(`unknown DNN model "${name}"; known models: ${knownModelNames(customModels).join(', ')}`);
}

/** Reads and validates a user model file (JSON in the dnnModelSchema format, e.g. resources/models/*.json). */
export function loadModelFile(path: string): DnnModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read DNN model file ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseUserJson(text);
  } catch (err) {
    throw new UserError(`DNN model file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseWith(dnnModelSchema, data, `DNN model file ${path}`);
}
