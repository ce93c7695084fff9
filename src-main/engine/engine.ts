// The engine facade every shell uses (web server, Electron main, tests): one handler per API method, plus the
// event stream. It translates nothing and renders nothing; runs execute in worker threads via the JobQueue.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiEvents, type ApiEvent, type ApiHandlers, type ApiMethod, type ApiParams } from '../../src-shared/api/contract';
import { dispatchCall } from '../../src-shared/api/dispatch';
import { planExperiment, DENOISING_STEPS_HYPER, type ExperimentRequest, type PlannedRun } from '../../src-shared/api/experiments';
import type { CallOutcome } from '../../src-shared/api/wire';
import { envIds } from '../../src-shared/env-ids';
import { FieldError, UserError } from '../../src-shared/errors';
import { ValidationError } from '../../src-shared/validation';
import { runRequestSchema, type EnvId, type RunRequest } from '../../src-shared/schemas/run';
import { findAlgorithm } from '../experiments/algorithms';
import { packageRoot } from '../package-root';
import { defaultScenario } from '../experiments/scenarios';
import { validateScenario } from '../experiments/scenario-validation';
import { listPresetModels } from '../sim/vec-dnn/model-catalog';
import { algorithmsFor, checkHyper } from './algorithms-view';
import { WorkerRunExecutor, type RunExecutor } from './executor';
import { ExportService } from './exports';
import { JobQueue } from './job-queue';
import { profileModelForUi } from './model-profiles';
import { previewMobility } from './mobility-preview';
import { scenarioPresets } from './presets';
import { REPRODUCE_DIR, ReproductionService } from './reproductions';
import type { SweepLauncherSource } from './cluster/queue-source';
import { RunIndex } from './run-index';
import { importTrace } from './trace-import';
import { traceOverview } from './trace-overview';
import { confineTracePath } from '../sim/mobility/trace-confinement';
import { UiStateStore } from './ui-state-store';
import { makeDirectory } from '../experiments/make-dir';
import { fileStamp } from '../experiments/file-stamp';

export interface EngineOptions {
  /** Folder holding one sub-folder per run (created if missing). */
  runsRoot: string;
  shell: 'web' | 'electron';
  /** UI state file; default <runsRoot>/.workbench-state.json. */
  stateFile?: string;
  /** Runs executed at the same time; default min(4, max(2, cores - 1)). */
  workers?: number;
  /** How runs execute; default one worker thread per run. */
  executor?: RunExecutor;
  /** Where the Reproduce screen's sweeps execute their runs instead (a cluster queue: `vecwb serve --queue`). */
  sweepLaunchers?: SweepLauncherSource;
  /** Base folder for relative scenario files (traces). Default: the current directory. */
  baseDir?: string;
  /**
   * Folders trace files may be read from, besides the upload store <runsRoot>/_traces (always allowed) and an
   * explicitly given baseDir. Every route (preview, validate, start, resume) is confined to them.
   */
  traceRoots?: string[];
  /** Where internal errors go (a bug, not bad input). */
  onInternalError?(err: unknown, method: string): void;
}

export type EngineListener = (event: ApiEvent) => void;

export interface Engine {
  readonly handlers: ApiHandlers;
  readonly runsRoot: string;
  /** Validates, runs and checks one call; never throws. */
  call(method: unknown, params: unknown): Promise<CallOutcome>;
  /** Typed convenience for in-process callers (tests, CLI); throws on failure. */
  invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<unknown>;
  onEvent(listener: EngineListener): () => void;
  jobs: JobQueue;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const file = path.join(packageRoot, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(2, os.availableParallelism() - 1));
}

function runFolderName(p: PlannedRun): string {
  const stamp = fileStamp();
  const tags = Object.entries(p.sweepValues)
    .map(([k, v]) => `${{ lyapunovV: 'V', cvCount: 'cv', svCount: 'sv', denoisingSteps: 'M' }[k] ?? k}${v}`)
    .join('-');
  const rand = crypto.randomBytes(2).toString('hex');
  return [stamp, p.request.algo, tags, `s${p.request.seed ?? 1}`, rand].filter(Boolean).join('-');
}

export function createEngine(opts: EngineOptions): Engine {
  const runsRoot = path.resolve(opts.runsRoot);
  makeDirectory(runsRoot, 'runs folder');
  const baseDir = path.resolve(opts.baseDir ?? process.cwd());
  const tracesDir = path.join(runsRoot, '_traces');
  fs.mkdirSync(tracesDir, { recursive: true });
  const traceRoots = [tracesDir, ...(opts.baseDir ? [baseDir] : []), ...(opts.traceRoots ?? []).map((r) => path.resolve(r))];
  /** Refuses a scenario whose trace file lies outside the allowed folders (or is missing), before any read. */
  const checkTraceFile = (env: unknown, scenario: unknown, field = 'mobility.file') => {
    if (env !== 'vec-dnn' || typeof scenario !== 'object' || scenario === null) return;
    const mobility = (scenario as { mobility?: unknown }).mobility;
    if (typeof mobility !== 'object' || mobility === null) return;
    const { kind, file } = mobility as { kind?: unknown; file?: unknown };
    if (kind === 'sumo-fcd' && typeof file === 'string') confineTracePath(file, baseDir, traceRoots, field);
  };
  const workers = opts.workers ?? defaultWorkerCount();
  const listeners = new Set<EngineListener>();
  const emit = (event: ApiEvent) => {
    for (const l of listeners) l(event);
  };
  const executor = opts.executor ?? new WorkerRunExecutor();
  const jobs = new JobQueue({ executor, concurrency: workers, emit });
  const reproductions = new ReproductionService(
    path.join(runsRoot, REPRODUCE_DIR),
    executor,
    (item) => emit({ event: 'reproduce.changed', payload: item }),
    (err) => opts.onInternalError?.(err, 'reproduce.start'),
    workers,
    opts.sweepLaunchers ?? null,
  );
  const index = new RunIndex(runsRoot, () => jobs.liveRunIds());
  const uiState = new UiStateStore(opts.stateFile ?? path.join(runsRoot, '.workbench-state.json'));
  const exportsService = new ExportService(index, path.join(runsRoot, '_exports'));

  const hasDenoising = (env: ExperimentRequest['env']) => (algo: string) =>
    algorithmsFor(env).some((a) => a.name === algo && DENOISING_STEPS_HYPER in a.hyperDefaults);

  /** The one scenario validation (experiments/scenario-validation.ts) with this engine's trace folders. */
  const checkScenario = (env: EnvId, scenario: unknown) => validateScenario(env, scenario, { baseDir, traceRoots });

  /** Plans an experiment and checks every run's algorithm and scenario before anything is queued. */
  const plan = async (exp: ExperimentRequest): Promise<PlannedRun[]> => {
    exp.algos.forEach((choice, i) => {
      findAlgorithm(exp.env, choice.algo);
      checkHyper(exp.env, choice.algo, choice.hyper, i);
    });
    const planned = planExperiment(exp, hasDenoising(exp.env));
    const checked = new Set<string>();
    for (const p of planned) {
      const key = JSON.stringify(p.request.scenario);
      if (checked.has(key)) continue;
      checked.add(key);
      if (p.request.scenario !== 'default') {
        try {
          await checkScenario(exp.env, p.request.scenario);
        } catch (err) {
          if (err instanceof ValidationError) {
            throw new ValidationError(`scenario of run "${p.label}"`, err.issues.map((i) => ({ path: `scenario.${i.path}`, message: i.message })));
          }
          if (err instanceof FieldError) throw err.within('scenario');
          throw err;
        }
      }
    }
    return planned;
  };

  const handlers: ApiHandlers = {
    'app.info': () => ({
      version: packageVersion(),
      shell: opts.shell,
      runsRoot,
      workers,
      envs: [...envIds],
    }),

    'scenario.presets': () => [...scenarioPresets],
    'scenario.default': ({ env }) => defaultScenario(env),
    'scenario.validate': async ({ env, scenario }) => {
      try {
        const parsed = (await checkScenario(env, scenario)).scenario;
        return { ok: true, issues: [], scenario: parsed };
      } catch (err) {
        if (err instanceof ValidationError) return { ok: false, issues: err.issues, scenario: null };
        if (err instanceof FieldError) return { ok: false, issues: [{ path: err.field, message: err.detail }], scenario: null };
        if (err instanceof UserError) {
          const field = /^([A-Za-z][\w.]*): /.exec(err.message)?.[1] ?? 'env';
          return { ok: false, issues: [{ path: field, message: err.message.replace(/^[A-Za-z][\w.]*: /, '') }], scenario: null };
        }
        throw err;
      }
    },
    'scenario.preview': ({ env, scenario, episodeSeed }) => previewMobility(env, scenario, episodeSeed, baseDir, traceRoots),
    'scenario.importTrace': ({ fileName, xml }) => importTrace(tracesDir, fileName, xml),
    'scenario.traceOverview': ({ file }) => traceOverview(file, baseDir, traceRoots),

    'models.presets': () => [...listPresetModels()],
    'models.profile': ({ model, bytesPerElement }) => profileModelForUi(model, bytesPerElement),

    'algorithms.list': ({ env }) => algorithmsFor(env),

    'experiments.plan': async (exp) => ({ labels: (await plan(exp)).map((p) => p.label) }),
    'experiments.start': async (exp) => {
      const planned = await plan(exp);
      const experimentId = `exp-${Date.now().toString(36)}-${crypto.randomBytes(2).toString('hex')}`;
      const requestFor = (p: PlannedRun): RunRequest =>
        runRequestSchema.parse({ ...p.request, runsRoot, outDir: path.join(runsRoot, runFolderName(p)), baseDir, traceRoots });
      return { experimentId, jobs: jobs.enqueue(experimentId, planned, requestFor) };
    },
    'jobs.list': () => jobs.list(),
    'jobs.control': ({ jobId, action }) => jobs.control(jobId, action),

    'runs.list': () => index.list(),
    'runs.get': ({ runId, slots }) => index.get(runId, slots),
    'runs.compare': ({ runIds }) => index.compare(runIds),
    'runs.resume': ({ runId, episodes }) => {
      const { dir, summary, config } = index.summaryOf(runId);
      // The run re-opens its scenario's trace: it must still be an allowed file (config.json is editable on disk).
      checkTraceFile(config.request.env, config.scenario);
      if (index.list().find((r) => r.summary.runId === runId)?.live) throw new UserError(`run ${runId} is running; pause or cancel it first`);
      if (summary.status === 'completed' && (episodes === undefined || episodes <= summary.episodesDone)) {
        throw new UserError(`run ${runId} is complete (${summary.episodesDone} episodes); give a larger episode total to continue it`);
      }
      return jobs.enqueueResume(dir, summary, config.request.name ?? summary.algo, episodes);
    },

    'figures.list': () => exportsService.figures(),
    'export.data': ({ runIds, format }) => exportsService.exportData(runIds, format),
    'export.figure': (params) => exportsService.exportFigure(params),
    'export.figureData': (params) => exportsService.exportFigureData(params),
    'export.zip': ({ paths, name }) => exportsService.exportZip(paths, name),
    'export.read': ({ path: file }) => exportsService.read(file),

    'reproduce.list': () => reproductions.list(),
    'reproduce.start': (key) => reproductions.start(key),
    'reproduce.cancel': (key) => reproductions.cancel(key),
    'reproduce.report': (key) => reproductions.report(key),

    'state.get': () => uiState.get(),
    'state.update': (patch) => uiState.update(patch),
  };

  const call = (method: unknown, params: unknown) => dispatchCall(handlers, method, params, opts.onInternalError);

  return {
    handlers,
    runsRoot,
    jobs,
    call,
    async invoke(method, params) {
      const outcome = await call(method, params);
      if (!outcome.ok) throw new UserError(outcome.error.message);
      return outcome.result;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await reproductions.close();
      await jobs.shutdown();
      listeners.clear();
    },
  };
}

/** Checks an event against the contract before it leaves the engine (used by shells in development/tests). */
export function checkEvent(event: ApiEvent): boolean {
  return apiEvents[event.event].safeParse(event.payload).success;
}
