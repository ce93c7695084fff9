// The DNN model editor: preset and custom layer tables, per-cell validation (the shared schema runs right here
// for instant messages; the engine profiles valid tables: output size, eq. (3), and workload, eq. (6), per row).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ModelProfileView } from '../../../src-shared/api/models';
import { dnnLayerSchema, dnnModelSchema, layerOutputShape, type DnnModel, type TensorShape } from '../../../src-shared/schemas/dnn-model';
import { safeParseDescribed } from '../../../src-shared/validation';
import { api } from '../api';
import { debounced } from './debounce';
import { issuesByPath, parseNumberInput } from './paths';
import { useScenarioStore } from './scenario';
import { parseUserJson } from '../../../src-shared/json-text';

export type LayerKind = 'conv' | 'pool' | 'fc';
/** A row as edited: numbers may be missing or text while the user types. */
export type EditableLayer = Record<string, unknown> & { kind: LayerKind };
export interface EditableModel {
  name: string;
  description?: string;
  layers: EditableLayer[];
}

export const CONV_FIELDS = ['h', 'w', 'cIn', 'cOut', 'kernel', 'stride', 'padding'] as const;
export const FC_FIELDS = ['uIn', 'uOut'] as const;
export const PROFILE_DELAY_MS = 200;

/** A deep copy of JSON data that may be a reactive proxy (structuredClone refuses proxies). */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function blankLayer(kind: LayerKind, index: number, input?: TensorShape): EditableLayer {
  if (kind === 'fc') {
    const u = input === undefined ? 1 : input.kind === 'vector' ? input.u : input.h * input.w * input.c;
    return { kind, name: `fc${index + 1}`, uIn: u, uOut: u };
  }
  const map = input?.kind === 'map' ? input : { h: 1, w: 1, c: 1 };
  return { kind, name: `${kind}${index + 1}`, h: map.h, w: map.w, cIn: map.c, cOut: map.c, kernel: 1, stride: 1, padding: 0 };
}

/**
 * The output shape of row `row - 1` (what a row inserted at `row` receives), when that row is valid on its own;
 * an FC row after a map takes the flattened map. Undefined for the first row or an invalid predecessor.
 */
export function outputBefore(layers: readonly EditableLayer[], row: number): TensorShape | undefined {
  if (row <= 0) return undefined;
  const parsed = dnnLayerSchema.safeParse(layers[row - 1]);
  if (!parsed.success) return undefined;
  const out = layerOutputShape(parsed.data);
  return out.kind === 'map' && (out.h < 1 || out.w < 1) ? undefined : out;
}

/** `base`, or `base_2`, `base_3`, ... : the first name no row uses. */
function freeName(layers: readonly EditableLayer[], base: string): string {
  const taken = new Set(layers.map((l) => String(l.name)));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}

/** Validates a table with the shared schema; issues keyed `layers.<row>.<field>` (or `name`, `layers`). */
export function validateTable(model: EditableModel): { model: DnnModel | null; errors: Record<string, string> } {
  const parsed = safeParseDescribed(dnnModelSchema, model);
  if (parsed.success) return { model: parsed.data, errors: {} };
  return { model: null, errors: issuesByPath(parsed.issues) };
}

export const useModelsStore = defineStore('models', () => {
  const presets = ref<DnnModel[]>([]);
  const selected = ref<string | null>(null);
  /** The table in the editor; presets open read-only until duplicated. */
  const editing = ref<EditableModel | null>(null);
  const editingIsCustom = ref(false);
  /** Name of the custom model as saved in the scenario (renames replace it). */
  const savedName = ref<string | null>(null);
  const errors = ref<Record<string, string>>({});
  const profile = shallowRef<ModelProfileView | null>(null);
  const dirty = ref(false);

  const scenario = useScenarioStore();
  const all = computed(() => [
    ...presets.value.map((m) => ({ name: m.name, custom: false })),
    ...scenario.customModels.map((m) => ({ name: m.name, custom: true })),
  ]);
  const bytesPerElement = computed(() => {
    const rho = scenario.field('bytesPerElement');
    return typeof rho === 'number' && rho > 0 ? rho : 4;
  });
  const totals = computed(() => {
    const p = profile.value;
    if (!p) return null;
    return {
      layers: p.layers.length,
      units: p.units.length,
      totalOps: p.totalOps,
      inputBytes: p.inputBytes,
      largestOutputBytes: Math.max(...p.layers.map((l) => l.outputBytes)),
    };
  });

  async function refreshProfile(): Promise<void> {
    if (!editing.value) return;
    const local = validateTable(editing.value);
    errors.value = local.errors;
    if (!local.model) {
      profile.value = null;
      return;
    }
    const result = await api().call('models.profile', { model: editing.value, bytesPerElement: bytesPerElement.value });
    errors.value = issuesByPath(result.issues);
    profile.value = result.profile;
  }
  const reprofile = debounced(() => refreshProfile(), PROFILE_DELAY_MS);

  async function load(): Promise<void> {
    presets.value = await api().call('models.presets', {});
  }

  async function select(name: string): Promise<void> {
    const custom = scenario.customModels.find((m) => m.name === name);
    const model = custom ?? presets.value.find((m) => m.name === name);
    if (!model) throw new Error(`unknown model ${name}`);
    selected.value = name;
    editing.value = plainCopy(model) as EditableModel;
    editingIsCustom.value = custom !== undefined;
    savedName.value = custom ? custom.name : null;
    dirty.value = false;
    await refreshProfile();
  }

  /** Copies the open table into a new custom model (presets are read-only). */
  async function duplicate(): Promise<void> {
    if (!editing.value) return;
    const taken = new Set(all.value.map((m) => m.name));
    let name = `${editing.value.name} (custom)`;
    for (let i = 2; taken.has(name); i++) name = `${editing.value.name} (custom ${i})`;
    editing.value = { ...plainCopy(editing.value), name };
    editingIsCustom.value = true;
    savedName.value = null;
    selected.value = name;
    dirty.value = true;
    await refreshProfile();
  }

  function edited(): void {
    dirty.value = true;
    reprofile();
  }

  function setCell(row: number, field: string, text: string): void {
    if (!editing.value || !editingIsCustom.value) return;
    const layer = { ...editing.value.layers[row] };
    if (field === 'name' || field === 'block') {
      if (text === '' && field === 'block') delete layer.block;
      else layer[field] = text;
    } else {
      const v = parseNumberInput(text);
      if (v === undefined) delete layer[field];
      else layer[field] = v;
    }
    editing.value.layers[row] = layer;
    edited();
  }

  function setKind(row: number, kind: LayerKind): void {
    if (!editing.value || !editingIsCustom.value) return;
    const old = editing.value.layers[row];
    const fresh = blankLayer(kind, row);
    editing.value.layers[row] = { ...fresh, name: String(old.name ?? fresh.name) };
    edited();
  }

  function rename(name: string): void {
    if (!editing.value || !editingIsCustom.value) return;
    editing.value.name = name;
    edited();
  }

  function addRow(kind: LayerKind, at?: number): void {
    if (!editing.value || !editingIsCustom.value) return;
    const layers = editing.value.layers;
    const index = at ?? layers.length;
    // The new row takes what the row before it outputs (an FC row its flattened size), so it fits the chain.
    const layer = blankLayer(kind, index, outputBefore(layers, index));
    layers.splice(index, 0, { ...layer, name: freeName(layers, String(layer.name)) });
    edited();
  }

  function removeRow(row: number): void {
    if (!editing.value || !editingIsCustom.value) return;
    editing.value.layers.splice(row, 1);
    edited();
  }

  function moveRow(row: number, delta: -1 | 1): void {
    if (!editing.value || !editingIsCustom.value) return;
    const to = row + delta;
    if (to < 0 || to >= editing.value.layers.length) return;
    const [layer] = editing.value.layers.splice(row, 1);
    editing.value.layers.splice(to, 0, layer);
    edited();
  }

  /** Puts the custom model into the scenario (scenario.customModels); only a valid table can be saved. */
  async function saveToScenario(): Promise<boolean> {
    await reprofile.flush();
    if (!editing.value) return false;
    const check = validateTable(editing.value);
    errors.value = { ...check.errors, ...errors.value };
    if (!check.model) return false;
    scenario.upsertCustomModel(check.model, savedName.value ?? undefined);
    savedName.value = check.model.name;
    selected.value = check.model.name;
    dirty.value = false;
    return true;
  }

  function exportJson(): string {
    return JSON.stringify(editing.value, null, 2) + '\n';
  }

  /** Opens a model file as a new custom table (validated; problems show per cell). */
  async function importJson(text: string): Promise<void> {
    let data: unknown;
    try {
      data = parseUserJson(text);
    } catch (err) {
      throw new Error(`not valid JSON: ${(err as Error).message}`);
    }
    const show = (v: unknown) => {
      const text = JSON.stringify(v) ?? String(v);
      return text.length > 40 ? `${text.slice(0, 37)}...` : text;
    };
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new Error(`a model file is an object with "name" and a "layers" array; got ${Array.isArray(data) ? 'an array' : show(data)}`);
    }
    const layersValue = (data as { layers?: unknown }).layers;
    if (!Array.isArray(layersValue)) {
      throw new Error(`a model file needs a "layers" array; got ${layersValue === undefined ? 'no "layers"' : `"layers": ${show(layersValue)}`}`);
    }
    const notObject = layersValue.findIndex((l) => l === null || typeof l !== 'object' || Array.isArray(l));
    if (notObject >= 0) throw new Error(`layers[${notObject}] (row ${notObject + 1}) must be an object; got ${show(layersValue[notObject])}`);
    const model = data as EditableModel;
    editing.value = { name: String(model.name ?? 'imported'), description: model.description, layers: model.layers };
    editingIsCustom.value = true;
    savedName.value = null;
    selected.value = editing.value.name;
    dirty.value = true;
    await refreshProfile();
  }

  return {
    presets,
    selected,
    editing,
    editingIsCustom,
    errors,
    profile,
    totals,
    dirty,
    all,
    load,
    select,
    duplicate,
    setCell,
    setKind,
    rename,
    addRow,
    removeRow,
    moveRow,
    saveToScenario,
    exportJson,
    importJson,
    flushProfile: () => reprofile.flush(),
  };
});
