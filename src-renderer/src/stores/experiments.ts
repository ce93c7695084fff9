// Experiments: the form (algorithms with their paper hyper-parameters, episodes, seeds, sweeps), the plan
// preview, starting, and the live job list with progress, ETA and pause/resume/cancel.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AlgorithmInfoView } from '../../../src-shared/api/contract';
import type { ExperimentRequestInput, Job } from '../../../src-shared/api/experiments';
import { isJobActive, sweepAxes, type SweepAxis } from '../../../src-shared/api/experiments';
import type { RunProgress } from '../../../src-shared/schemas/run';
import type { EnvId } from '../../../src-shared/schemas/run';
import { ApiError } from '../../../src-shared/api/common';
import { api } from '../api';
import { debounced } from './debounce';
import { parseNumberList } from './paths';
import { useScenarioStore } from './scenario';

export const PLAN_DELAY_MS = 300;

type HyperValue = number | string | boolean | unknown[];

export interface AlgoChoice {
  checked: boolean;
  hyper: Record<string, HyperValue>;
}

/** The demo of the first-run screen: two heuristics, two seeds, on the current scenario. Live curves in seconds. */
export const DEMO = { algos: ['greedy', 'random'], episodes: 40, seeds: [1, 2] } as const;

/** Fraction done of a job, 0..1 (completed jobs 1). */
export function jobFraction(job: Job): number {
  if (job.state === 'completed') return 1;
  const p = job.progress;
  if (!p) return job.summary ? job.summary.episodesDone / Math.max(1, job.summary.episodes) : 0;
  return Math.min(1, ((p.episode - 1) * p.slots + p.slot) / (p.episodes * p.slots));
}

/** "1 h 02 min", "3 min 05 s", "12 s"; null/undefined -> "". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export const useExperimentsStore = defineStore('experiments', () => {
  const algorithms = ref<AlgorithmInfoView[]>([]);
  const choices = ref<Record<string, AlgoChoice>>({});
  const name = ref('');
  const episodes = ref(100);
  const seedsText = ref('1');
  const sweepText = ref<Record<SweepAxis, string>>({ lyapunovV: '', cvCount: '', svCount: '', denoisingSteps: '' });
  const planLabels = ref<string[]>([]);
  const planError = ref<string | null>(null);
  const formErrors = ref<Record<string, string>>({});
  const jobs = ref<Job[]>([]);
  const progress = ref<Record<string, RunProgress>>({});
  const starting = ref(false);
  /** Experiments started from this window: their runs open in the live view as they start. */
  const ownExperiments = new Set<string>();

  const activeJobs = computed(() => jobs.value.filter((j) => isJobActive(j.state)));

  async function loadAlgorithms(env: EnvId): Promise<void> {
    algorithms.value = await api().call('algorithms.list', { env });
    const next: Record<string, AlgoChoice> = {};
    for (const a of algorithms.value) {
      const old = choices.value[a.name];
      next[a.name] = old ?? { checked: false, hyper: { ...a.hyperDefaults } };
    }
    if (!Object.values(next).some((c) => c.checked)) {
      const first = algorithms.value.find((a) => a.name === 'greedy') ?? algorithms.value[0];
      if (first) next[first.name].checked = true;
    }
    choices.value = next;
  }

  /** The request the form describes; field errors (seeds, sweeps) instead when it cannot be built. */
  function request(): ExperimentRequestInput | null {
    const scenario = useScenarioStore();
    const errs: Record<string, string> = {};
    const seeds = parseNumberList(seedsText.value, 'seeds');
    if (seeds.error) errs.seeds = seeds.error;
    const sweep: Partial<Record<SweepAxis, number[]>> = {};
    for (const axis of sweepAxes) {
      const parsed = parseNumberList(sweepText.value[axis], axis);
      if (parsed.error) errs[`sweep.${axis}`] = parsed.error;
      sweep[axis] = parsed.values;
    }
    formErrors.value = errs;
    if (Object.keys(errs).length > 0) return null;
    return {
      env: scenario.env,
      name: name.value.trim(),
      scenario: scenario.draft,
      // Registry order, the order the form shows them in (issue paths algos.<i> refer to it).
      algos: algorithms.value
        .filter((a) => choices.value[a.name]?.checked)
        .map((a) => ({ algo: a.name, hyper: choices.value[a.name].hyper })),
      episodes: episodes.value,
      seeds: seeds.values.length > 0 ? seeds.values : undefined,
      sweep,
    };
  }

  function showError(err: unknown): void {
    if (err instanceof ApiError && err.issues.length > 0) {
      const errs: Record<string, string> = { ...formErrors.value };
      for (const i of err.issues) errs[i.path] = i.message;
      formErrors.value = errs;
      planError.value = err.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    } else planError.value = err instanceof Error ? err.message : String(err);
    planLabels.value = [];
  }

  async function planNow(): Promise<void> {
    const req = request();
    if (!req) {
      planLabels.value = [];
      planError.value = Object.values(formErrors.value).join('; ');
      return;
    }
    try {
      planLabels.value = (await api().call('experiments.plan', req)).labels;
      planError.value = null;
      formErrors.value = {};
    } catch (err) {
      showError(err);
    }
  }
  const plan = debounced(() => planNow(), PLAN_DELAY_MS);

  async function startRequest(req: ExperimentRequestInput): Promise<Job[]> {
    starting.value = true;
    try {
      const result = await api().call('experiments.start', req);
      ownExperiments.add(result.experimentId);
      mergeJobs(result.jobs);
      return result.jobs;
    } finally {
      starting.value = false;
    }
  }

  async function start(): Promise<Job[]> {
    await useScenarioStore().flushValidation();
    const req = request();
    if (!req) throw new Error(Object.values(formErrors.value).join('; '));
    try {
      return await startRequest(req);
    } catch (err) {
      showError(err);
      throw err;
    }
  }

  async function startDemo(): Promise<Job[]> {
    const scenario = useScenarioStore();
    await scenario.flushValidation();
    return startRequest({
      env: 'vec-dnn',
      name: 'Demo',
      scenario: scenario.env === 'vec-dnn' && scenario.valid ? scenario.draft : 'default',
      algos: DEMO.algos.map((algo) => ({ algo, hyper: {} })),
      episodes: DEMO.episodes,
      seeds: [...DEMO.seeds],
    });
  }

  function mergeJobs(list: Job[]): void {
    const byId = new Map(jobs.value.map((j) => [j.jobId, j]));
    for (const j of list) byId.set(j.jobId, j);
    jobs.value = [...byId.values()];
  }

  function setJobs(list: Job[]): void {
    jobs.value = list;
  }

  function onProgress(jobId: string, p: RunProgress): void {
    progress.value = { ...progress.value, [jobId]: p };
  }

  async function refreshJobs(): Promise<void> {
    jobs.value = await api().call('jobs.list', {});
  }

  /** Sets one hyper-parameter of an algorithm; undefined removes it (the schema's default or derived value applies). */
  function setHyper(algo: string, key: string, value: unknown): void {
    const next: Record<string, HyperValue> = { ...choices.value[algo].hyper };
    if (value === undefined) delete next[key];
    else next[key] = value as HyperValue;
    choices.value[algo].hyper = next;
    plan();
  }

  async function control(jobId: string, action: 'pause' | 'resume' | 'cancel'): Promise<void> {
    mergeJobs([await api().call('jobs.control', { jobId, action })]);
  }

  /** Run ids of jobs started from this window that have a run folder (to open in the live view). */
  function ownRunIds(): string[] {
    return jobs.value.filter((j) => ownExperiments.has(j.experimentId) && j.runId !== null).map((j) => j.runId as string);
  }

  function jobWithProgress(job: Job): Job {
    const p = progress.value[job.jobId];
    return p && isJobActive(job.state) ? { ...job, progress: p } : job;
  }

  return {
    algorithms,
    choices,
    name,
    episodes,
    seedsText,
    sweepText,
    planLabels,
    planError,
    formErrors,
    jobs,
    progress,
    starting,
    activeJobs,
    loadAlgorithms,
    request,
    plan,
    planNow,
    start,
    startDemo,
    startRequest,
    mergeJobs,
    setJobs,
    onProgress,
    refreshJobs,
    control,
    setHyper,
    ownRunIds,
    jobWithProgress,
  };
});
