// The scenario being edited (Vehicles & RSUs screen, custom DNN models, experiments): preset choice, field edits
// with validation by the engine (messages per field), the mobility preview, SUMO trace import. The last scenario
// is persisted in the UI state.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Issue } from '../../../src-shared/api/common';
import type { MobilityPreview, ScenarioPreset, TraceOverview } from '../../../src-shared/api/scenarios';
import type { EnvId } from '../../../src-shared/schemas/run';
import type { DnnModel } from '../../../src-shared/schemas/dnn-model';
import { fittingWindows, pickRoles, type FittingWindow, type RolePick } from '../../../src-shared/mobility/trace-window';
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
    resolved.value = null;
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

  /** The vehicles and road outline of the trace in mobility.file (loaded on import, or on demand after a reload). */
  const trace = shallowRef<(TraceOverview & { file: string }) | null>(null);

  /** What a SUMO episode needs: CV and SV counts and the window length (T - 1) tau. */
  const traceNeeds = computed(() => {
    const source = resolved.value ?? draft.value;
    const count = (path: string, fallback: number) => Number(getAt(source, path) ?? fallback);
    const cvs = count('cvs.count', 7);
    const svs = count('svs.count', 5);
    return { cvs, svs, windowS: (count('slots', 30) - 1) * count('slotDurationS', 1) };
  });

  /** Start times at which enough vehicles drive through the whole episode (the only ones offered). */
  const traceWindows = computed<FittingWindow[]>(() => {
    const t = trace.value;
    if (!t) return [];
    const need = traceNeeds.value;
    return fittingWindows(t.vehicles, need.cvs + need.svs, need.windowS);
  });

  async function loadTrace(file: string): Promise<void> {
    const overview = await api().call('scenario.traceOverview', { file });
    trace.value = { ...overview, file };
  }

  function currentPick(): Partial<RolePick> {
    return { cvIds: getAt(draft.value, 'mobility.cvIds') as string[] | undefined, svIds: getAt(draft.value, 'mobility.svIds') as string[] | undefined };
  }

  /**
   * Moves the episode to `startS` with CVs and SVs that drive through all of it: chosen ids that still do keep
   * their role, the rest are filled in trace order. Returns false when too few vehicles cover that window.
   */
  function setTraceWindow(startS: number, keep: Partial<RolePick> = currentPick()): boolean {
    const t = trace.value;
    if (!t) return false;
    const need = traceNeeds.value;
    const pick = pickRoles(t.vehicles, startS, need.windowS, need.cvs, need.svs, keep);
    if (!pick) return false;
    // Fields of an earlier trace are kept; a highway's (lanes, speeds) are not fields of a trace (the schema refuses them).
    const previous = getAt(draft.value, 'mobility') as Json | undefined;
    const mobility = previous?.kind === 'sumo-fcd' ? previous : {};
    setField('mobility', { ...mobility, kind: 'sumo-fcd', file: t.file, startTimeS: startS, cvIds: pick.cvIds, ...(need.svs > 0 ? { svIds: pick.svIds } : { svIds: undefined }) });
    return true;
  }

  /** Gives one vehicle a role (or none); the engine checks the counts (cvs.count, svs.count) on preview. */
  function setVehicleRole(id: string, role: 'cv' | 'sv' | null): void {
    const pick = currentPick();
    const cvIds = (pick.cvIds ?? []).filter((v) => v !== id);
    const svIds = (pick.svIds ?? []).filter((v) => v !== id);
    if (role === 'cv') cvIds.push(id);
    if (role === 'sv') svIds.push(id);
    setField('mobility.cvIds', cvIds.length > 0 ? cvIds : undefined);
    setField('mobility.svIds', svIds.length > 0 ? svIds : undefined);
  }

  /** Uploads a SUMO FCD file and switches the mobility source to it, at the first window that fits. */
  async function importTrace(fileName: string, xml: string): Promise<void> {
    const result = await api().call('scenario.importTrace', { fileName, xml });
    await loadTrace(result.file);
    // Start where the scenario's CVs + SVs all drive for the whole episode, with those vehicles chosen
    // explicitly (the engine would otherwise take the first ids present at slot 1, some of which may leave).
    const need = traceNeeds.value;
    const first = traceWindows.value[0];
    if (first) setTraceWindow(first.startS, {});
    else setField('mobility', { kind: 'sumo-fcd', file: result.file, startTimeS: result.firstTimeS });
    await validate.flush();
    const window = first ? `episode window from ${first.startS} s` : `no window holds ${need.cvs + need.svs} vehicles for ${need.windowS} s`;
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
    trace,
    traceNeeds,
    traceWindows,
    loadTrace,
    setTraceWindow,
    setVehicleRole,
  };
});
