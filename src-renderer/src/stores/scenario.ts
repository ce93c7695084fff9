// The scenario being edited (Vehicles & RSUs screen, custom DNN models, experiments): preset choice, field edits
// with validation by the engine (messages per field), the mobility preview, SUMO trace import. The last scenario
// is persisted in the UI state.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Issue } from '../../../src-shared/api/common';
import type { MobilityPreview, ScenarioPreset } from '../../../src-shared/api/scenarios';
import type { EnvId } from '../../../src-shared/schemas/run';
import type { DnnModel } from '../../../src-shared/schemas/dnn-model';
import { earliestFullWindowStart } from '../../../src-shared/mobility/trace-window';
import { api } from '../api';
import { useConnectionStore } from './connection';
import { debounced } from './debounce';
import { useLayoutStore } from './layout';
import { getAt, issuesByPath, setAt, type Json } from './paths';

export const VALIDATE_DELAY_MS = 250;

export const useScenarioStore = defineStore('scenario', () => {
  const presets = ref<ScenarioPreset[]>([]);
  const env = ref<EnvId>('vec-dnn');
  const presetId = ref<string | null>(null);
  /** What the user edits (may be invalid). */
  const draft = ref<Json>({});
  /** The validated scenario with defaults filled in, or null while invalid. */
  const resolved = ref<Json | null>(null);
  const issues = ref<Issue[]>([]);
  const preview = shallowRef<MobilityPreview | null>(null);
  const previewError = ref<string | null>(null);
  const previewSlot = ref(1);
  /** True once the user changed the scenario since it was opened (a preset switch then asks first). */
  const edited = ref(false);

  const fieldErrors = computed(() => issuesByPath(issues.value));
  const valid = computed(() => resolved.value !== null && issues.value.length === 0);
  const name = computed(() => String(getAt(draft.value, 'name') ?? getAt(resolved.value, 'name') ?? 'scenario'));
  const customModels = computed(() => (getAt(draft.value, 'customModels') as DnnModel[] | undefined) ?? []);

  async function validateNow(): Promise<void> {
    const result = await api().call('scenario.validate', { env: env.value, scenario: draft.value });
    issues.value = result.issues;
    resolved.value = result.ok ? result.scenario : null;
    if (result.ok) {
      useLayoutStore().queue({ lastScenario: { env: env.value, scenario: draft.value, presetId: presetId.value, edited: edited.value } });
    }
  }
  const validate = debounced(() => validateNow(), VALIDATE_DELAY_MS);

  async function loadPresets(): Promise<void> {
    presets.value = await api().call('scenario.presets', {});
  }

  /** Restores the last scenario, or opens the paper's default. */
  async function init(last: { env: EnvId; scenario: Json; presetId: string | null; edited?: boolean } | null): Promise<void> {
    if (presets.value.length === 0) await loadPresets();
    if (last) {
      env.value = last.env;
      presetId.value = last.presetId;
      draft.value = last.scenario;
      edited.value = last.edited ?? last.presetId === null;
      await validateNow();
      if (resolved.value) draft.value = resolved.value;
      else if (issues.value.length > 0) useConnectionStore().notify('the last scenario has problems; see the Vehicles & RSUs screen', 'error');
      return;
    }
    await applyPreset('paper1-default');
  }

  /** Starts from a preset: its partial scenario with every default filled in. */
  async function applyPreset(id: string): Promise<void> {
    const preset = presets.value.find((p) => p.id === id);
    if (!preset) throw new Error(`unknown preset ${id}`);
    env.value = preset.env;
    presetId.value = id;
    draft.value = preset.scenario;
    edited.value = false;
    await validateNow();
    if (resolved.value) draft.value = resolved.value;
    preview.value = null;
  }

  function setField(path: string, value: unknown): void {
    draft.value = setAt(draft.value, path, value);
    edited.value = true;
    validate();
  }

  /** Replaces the whole scenario (JSON editor of paper-2 scenarios). */
  function setDraft(obj: Json): void {
    draft.value = obj;
    presetId.value = null;
    edited.value = true;
    validate();
  }

  function field(path: string): unknown {
    return getAt(draft.value, path);
  }

  function upsertCustomModel(model: DnnModel, replacing?: string): void {
    const list = customModels.value.filter((m) => m.name !== model.name && m.name !== replacing);
    setField('customModels', [...list, model]);
  }

  function removeCustomModel(modelName: string): void {
    setField('customModels', customModels.value.filter((m) => m.name !== modelName));
  }

  async function refreshPreview(seed = 1): Promise<void> {
    await validate.flush();
    try {
      preview.value = await api().call('scenario.preview', { env: env.value, scenario: draft.value, episodeSeed: seed });
      previewError.value = null;
      previewSlot.value = Math.min(previewSlot.value, preview.value.slots);
    } catch (err) {
      preview.value = null;
      previewError.value = err instanceof Error ? err.message : String(err);
    }
  }

  /** Uploads a SUMO FCD file and switches the mobility source to it. */
  async function importTrace(fileName: string, xml: string): Promise<void> {
    const result = await api().call('scenario.importTrace', { fileName, xml });
    // Start where the scenario's CVs + SVs all drive for the whole episode, else at the trace's first time
    // (the preview then says what is missing).
    const source = resolved.value ?? draft.value;
    const count = (path: string, fallback: number) => Number(getAt(source, path) ?? fallback);
    const needed = count('cvs.count', 7) + (env.value === 'vec-dnn' ? count('svs.count', 5) : 0);
    const windowS = (count('slots', 30) - 1) * count('slotDurationS', 1);
    const start = earliestFullWindowStart(result.vehicles, needed, windowS);
    setField('mobility', { kind: 'sumo-fcd', file: result.file, startTimeS: start ?? result.firstTimeS });
    await validate.flush();
    const window = start === null ? `no window holds ${needed} vehicles for ${windowS} s` : `episode window from ${start} s`;
    useConnectionStore().notify(`trace ${fileName}: ${result.vehicleIds.length} vehicles, ${result.firstTimeS}-${result.lastTimeS} s; ${window}`);
  }

  return {
    presets,
    env,
    presetId,
    draft,
    resolved,
    issues,
    fieldErrors,
    valid,
    name,
    customModels,
    preview,
    previewError,
    previewSlot,
    edited,
    loadPresets,
    init,
    applyPreset,
    setField,
    setDraft,
    field,
    upsertCustomModel,
    removeCustomModel,
    validateNow,
    flushValidation: () => validate.flush(),
    refreshPreview,
    importTrace,
  };
});
