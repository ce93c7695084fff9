// Runs one algorithm on one scenario for N episodes and streams everything into a run folder.
// Shell-agnostic: the CLI, the web server and Electron's worker all call startRun/resumeRun.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { MetricRecord } from '../../src-shared/metrics';
import {
  runRequestSchema,
  type RunConfig,
  type RunProgress,
  type RunRequest,
  type RunRequestInput,
  type RunStatus,
  type RunSummary,
} from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';
import type { EnvObservation, MultiAgentEnv } from '../sim/env';
import { findAlgorithm } from './algorithms';
import type { Controller } from '../sim/controller';
import { createEnvironment } from './environments';
import { packageRoot } from '../package-root';
import { EpisodeAggregate } from './episode-aggregate';
import { fileStamp } from './file-stamp';
import { makeDirectory } from './make-dir';
import { lockRunFolder } from './run-lock';
import { resolveEnvScenario, type Scenario } from './scenarios';
import {
  MetricsWriter,
  RUN_FILES,
  isRunFolder,
  readLatestCheckpoint,
  readMetrics,
  readRunConfig,
  readSummary,
  removeStaleTempFiles,
  truncateMetricsAfter,
  writeJsonAtomic,
} from './run-folder';

/** Episode numbers of the evaluation episodes' seeds: far above any training episode, the same set at every point. */
const EVAL_SEED_OFFSET = 0x3fff0000;

export interface RunHooks {
  onRecord?(record: MetricRecord): void;
  onProgress?(progress: RunProgress): void;
  onSummary?(summary: RunSummary): void;
}

export interface RunHandle {
  runId: string;
  dir: string;
  pause(): void;
  resume(): void;
  cancel(): void;
  done: Promise<RunSummary>;
}

/**
 * Seed of episode e of a run: the same for every algorithm, so all see identical traces and fading. The
 * scenario's own `seed` shifts every episode's draws (a scenario file names its random world); its default 1
 * adds nothing, so the run seed alone decides runs of default scenarios.
 */
export function episodeSeed(runSeed: number, episode: number, scenarioSeed = 1): number {
  const base = Math.imul(runSeed ^ 0x5bd1e995, 0x01000193) + Math.imul(scenarioSeed - 1, 0x27d4eb2d);
  return (base + Math.imul(episode, 0x9e3779b1)) >>> 1;
}

function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = { node: process.versions.node };
  for (const pkg of ['@tensorflow/tfjs', 'zod']) {
    try {
      out[pkg] = (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      // not installed: nothing to record
    }
  }
  const own = path.join(packageRoot, 'package.json');
  try {
    out['vec-workbench'] = (JSON.parse(fs.readFileSync(own, 'utf8')) as { version: string }).version;
  } catch {
    // running from a bundle without package.json
  }
  return out;
}

/**
 * In an evaluation run nothing trains and nothing explores: of a learner's episode metrics only the decision
 * time means something, and the exploration rate actually used is 0 (not the schedule's value).
 */
function evaluationMetrics(learner: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  if (learner.decisionMs !== undefined) out.decisionMs = learner.decisionMs;
  if (learner.epsilon !== undefined) out.epsilon = 0;
  return out;
}

function defaultRunDir(req: RunRequest): string {
  return path.join(req.runsRoot, `${fileStamp()}-${req.env}-${req.algo}-s${req.seed}`);
}

interface Prepared {
  req: RunRequest;
  config: RunConfig;
  dir: string;
  env: MultiAgentEnv<never, unknown>;
  controller: Controller<never, unknown>;
  firstEpisode: number;
  /** Wall time and episodes of earlier sessions of this run (resume). */
  priorWallTimeS: number;
  /** Checkpoint folder the run continues from (resume), so the summary names it before a new one is written. */
  lastCheckpoint: string | null;
  /** The scenario's `seed` field, mixed into every episode seed. */
  scenarioSeed: number;
  /** Learners get exploration-off evaluation points (req.evalEvery); heuristics do not explore. */
  evaluates: boolean;
  /** Releases run.lock (called when the run ends). */
  unlock: () => void;
}

/**
 * The checkpoint folder a request names: an `ep-NNNNNN` folder, or a run folder (its latest checkpoint).
 * Relative paths are taken from the current directory (not the scenario file's folder).
 */
export function resolveCheckpointDir(given: string): string {
  const abs = path.resolve(given);
  const latest = readLatestCheckpoint(abs);
  if (latest) return path.join(abs, RUN_FILES.checkpoints, latest.folder);
  if (!fs.existsSync(abs)) throw new UserError(`checkpoint ${given} does not exist`);
  return abs;
}

/**
 * Hyper-parameters a checkpoint was trained with (its learner.json), overridden by the request's own: an
 * evaluation of a checkpoint needs the same network shapes without repeating every --hyper.
 */
function hyperWithCheckpoint(checkpointDir: string, given: Record<string, unknown>): Record<string, unknown> {
  const file = path.join(checkpointDir, 'learner.json');
  if (!fs.existsSync(file)) return given;
  let saved: unknown;
  try {
    saved = (JSON.parse(fs.readFileSync(file, 'utf8')) as { hyper?: unknown }).hyper;
  } catch {
    throw new UserError(`${file}: not valid JSON (a damaged checkpoint)`);
  }
  return saved && typeof saved === 'object' ? { ...(saved as Record<string, unknown>), ...given } : given;
}

async function prepare(req: RunRequest, dir: string, resume: boolean): Promise<Prepared> {
  if (!resume && fs.existsSync(path.join(dir, RUN_FILES.config))) {
    throw new UserError(`${dir} already holds a run; use resume or choose another --out`);
  }
  const es = resolveEnvScenario(req.env, req.scenario);
  const scenario = es.scenario;
  const baseDir = req.baseDir ?? process.cwd();
  const info = findAlgorithm(req.env, req.algo);
  const checkpointDir = req.checkpoint && !resume ? resolveCheckpointDir(req.checkpoint) : null;
  const hyper = checkpointDir && info.kind === 'learner' ? hyperWithCheckpoint(checkpointDir, req.hyper) : req.hyper;
  const env = await createEnvironment(es, baseDir, req.traceRoots);
  let backend: string | undefined;
  let backendReason: string | undefined;
  if (info.kind === 'learner') {
    const { selectBackend } = await import('../rl/backend');
    const choice = await selectBackend(req.backend);
    backend = choice.name;
    backendReason = choice.reason;
  }
  const factory = await info.load();
  const controller = await factory(env, { seed: req.seed, hyper, backend });
  try {
    const prepared = await prepareFolder({ ...req, hyper }, dir, resume, { scenario, env, controller, backend, backendReason, checkpointDir });
    return { ...prepared, evaluates: info.kind === 'learner' };
  } catch (err) {
    // A learner may own worker threads: release them, or a failed start would keep the process alive.
    controller.dispose?.();
    throw err;
  }
}

interface Built {
  scenario: Scenario;
  env: MultiAgentEnv<never, unknown>;
  controller: Controller<never, unknown>;
  backend: string | undefined;
  backendReason: string | undefined;
  checkpointDir: string | null;
}

async function prepareFolder(req: RunRequest, dir: string, resume: boolean, built: Built): Promise<Omit<Prepared, 'evaluates'>> {
  const { controller, checkpointDir } = built;
  if (checkpointDir) {
    if (!controller.load) throw new UserError(`algorithm '${req.algo}' has no checkpoints to load`);
    await controller.load(checkpointDir);
  }
  if (!resume) makeDirectory(path.join(dir, RUN_FILES.checkpoints), 'run folder');
  // Before anything of the folder is read or trimmed: a second process must not truncate a live run's lines.
  const unlock = lockRunFolder(dir);
  try {
    return { ...(await fillFolder(req, dir, resume, built)), unlock };
  } catch (err) {
    unlock();
    throw err;
  }
}

async function fillFolder(req: RunRequest, dir: string, resume: boolean, built: Built): Promise<Omit<Prepared, 'evaluates' | 'unlock'>> {
  const { scenario, env, controller, backend, backendReason, checkpointDir } = built;
  let firstEpisode = 1;
  let priorWallTimeS = 0;
  let lastCheckpoint: string | null = null;
  let config: RunConfig;
  if (resume) {
    removeStaleTempFiles(dir);
    config = readRunConfig(dir);
    const latest = readLatestCheckpoint(dir);
    if (latest && req.episodes < latest.episode) {
      throw new UserError(`episodes: got ${req.episodes}; this run is checkpointed at episode ${latest.episode}, so the new total must be ${latest.episode}..1000000`);
    }
    if (req.episodes !== config.request.episodes) {
      // config.json says what the run is for: an extended run records its new total.
      config = { ...config, request: { ...config.request, episodes: req.episodes } };
      writeJsonAtomic(path.join(dir, RUN_FILES.config), config);
    }
    if (latest) {
      const { episode, folder } = latest;
      if (controller.load) await controller.load(path.join(dir, RUN_FILES.checkpoints, folder));
      truncateMetricsAfter(dir, episode);
      firstEpisode = episode + 1;
      lastCheckpoint = folder;
    } else {
      truncateMetricsAfter(dir, 0);
    }
    priorWallTimeS = readSummary(dir)?.wallTimeS ?? 0;
  } else {
    config = {
      runId: path.basename(dir),
      createdAt: new Date().toISOString(),
      request: req,
      scenario,
      backend,
      backendReason,
      checkpointLoaded: checkpointDir ?? undefined,
      versions: versions(),
    };
    writeJsonAtomic(path.join(dir, RUN_FILES.config), config);
  }
  return { req, config, dir, env, controller, firstEpisode, priorWallTimeS, lastCheckpoint, scenarioSeed: scenario.seed };
}

function execute(p: Prepared, hooks: RunHooks): RunHandle {
  const { req, dir, env, controller } = p;
  const runId = p.config.runId;
  let status: RunStatus = 'running';
  let cancelled = false;
  let resumeGate: (() => void) | null = null;
  let pausedPromise: Promise<void> | null = null;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const slots = env.spec.episodeLength;
  const totals = new Map<string, { sum: number; n: number }>();
  for (const r of readMetrics(dir)) if (r.kind === 'episode') addTotals(totals, r.values);
  let lastCheckpoint: string | null = p.lastCheckpoint;
  let episodesDone = p.firstEpisode - 1;
  /**
   * True while the controller holds exactly the state after episode `episodesDone` (nothing of the next episode
   * acted or trained yet): only then may a cancel write a checkpoint. A cancel mid-episode keeps the last
   * checkpoint instead, so a resume never starts from the aborted episode's steps and training.
   */
  let atBoundary = true;
  let error: string | null = null;
  let errorStack: string | undefined;

  const elapsed = () => p.priorWallTimeS + (performance.now() - t0) / 1000;
  const summary = (): RunSummary => ({
    runId,
    dir,
    env: req.env,
    algo: req.algo,
    seed: req.seed,
    status,
    episodes: req.episodes,
    episodesDone,
    startedAt: p.config.createdAt ?? startedAt,
    finishedAt: status === 'running' || status === 'paused' ? null : new Date().toISOString(),
    wallTimeS: elapsed(),
    backend: p.config.backend ?? null,
    means: Object.fromEntries([...totals].map(([k, v]) => [k, v.sum / v.n])),
    lastCheckpoint,
    error,
    ...(errorStack ? { errorStack } : {}),
  });
  const publishSummary = () => {
    const s = summary();
    writeJsonAtomic(path.join(dir, RUN_FILES.summary), s);
    hooks.onSummary?.(s);
    return s;
  };
  const checkpoint = async (episode: number) => {
    const folder = `ep-${String(episode).padStart(6, '0')}`;
    const ckDir = path.join(dir, RUN_FILES.checkpoints, folder);
    fs.mkdirSync(ckDir, { recursive: true });
    if (controller.save) await controller.save(ckDir);
    writeJsonAtomic(path.join(dir, RUN_FILES.latestCheckpoint), { episode, folder });
    lastCheckpoint = folder;
  };

  const writer = new MetricsWriter(path.join(dir, RUN_FILES.metrics));
  const emit = (record: MetricRecord) => {
    writer.append(record);
    hooks.onRecord?.(record);
  };

  /**
   * One evaluation point after training episode `episode`: req.evalEpisodes episodes on a fixed set of seeds,
   * exploration and learning off. Returns false when cancelled part-way (nothing of the point is written then,
   * so a resume recomputes it whole).
   */
  const evaluatePoint = async (episode: number): Promise<boolean> => {
    const records: MetricRecord[] = [];
    for (let k = 1; k <= req.evalEpisodes; k++) {
      const tEp = performance.now();
      let obs: EnvObservation = env.reset(episodeSeed(req.seed, EVAL_SEED_OFFSET + k, p.scenarioSeed));
      const agg = new EpisodeAggregate();
      const tDecide = { ms: 0, n: 0 };
      for (let slot = 1; slot <= slots; slot++) {
        if (pausedPromise) await pausedPromise;
        if (cancelled) return false;
        atBoundary = false;
        const t = performance.now();
        const actions = await controller.act(obs, env, false);
        tDecide.ms += performance.now() - t;
        tDecide.n += 1;
        const result = env.step(actions);
        agg.add(env.slotMetrics(result.info));
        obs = result;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (result.done) break;
      }
      const values = { ...agg.values(), epsilon: 0, decisionMs: tDecide.ms / Math.max(1, tDecide.n) };
      records.push({ kind: 'eval', episode, index: k, wallTimeS: (performance.now() - tEp) / 1000, values });
    }
    for (const r of records) emit(r);
    return true;
  };

  const loop = async (): Promise<RunSummary> => {
    publishSummary();
    const sessionEpisodes = req.episodes - p.firstEpisode + 1;
    for (let episode = p.firstEpisode; episode <= req.episodes && !cancelled; episode++) {
      const tEp = performance.now();
      let obs: EnvObservation = env.reset(episodeSeed(req.seed, episode, p.scenarioSeed));
      const agg = new EpisodeAggregate();
      const decide = { ms: 0, n: 0 };
      for (let slot = 1; slot <= slots; slot++) {
        if (pausedPromise) await pausedPromise;
        if (cancelled) break;
        atBoundary = false;
        const tAct = performance.now();
        const actions = await controller.act(obs, env, !req.evaluate);
        decide.ms += performance.now() - tAct;
        decide.n += 1;
        const result = env.step(actions);
        if (!req.evaluate && controller.observe) await controller.observe(obs, actions, result);
        const values = env.slotMetrics(result.info);
        agg.add(values);
        if (req.slotMetrics) emit({ kind: 'slot', episode, slot, values });
        obs = result;
        const done = episode - p.firstEpisode + (slot / slots);
        const rate = (performance.now() - t0) / 1000 / done;
        hooks.onProgress?.({
          runId,
          episode,
          episodes: req.episodes,
          slot,
          slots,
          elapsedS: elapsed(),
          etaS: Number.isFinite(rate) ? rate * (sessionEpisodes - done) : null,
          status,
        });
        // Let timers, IPC and cancel/pause requests in; a run never monopolises the event loop.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (result.done) break;
      }
      if (cancelled && agg.slotCount < slots) break;
      const learner = controller.endEpisode ? await controller.endEpisode(episode) : {};
      // heuristics report no decision time of their own: the wall time of act() per slot (Table II)
      const timing: Record<string, number> = decide.n > 0 ? { decisionMs: decide.ms / decide.n } : {};
      const values = { ...agg.values(), ...timing, ...(req.evaluate ? evaluationMetrics(learner) : learner) };
      emit({ kind: 'episode', episode, wallTimeS: (performance.now() - tEp) / 1000, values });
      addTotals(totals, values);
      if (p.evaluates && !req.evaluate && req.evalEvery > 0 && (episode % req.evalEvery === 0 || episode === req.episodes)) {
        if (!(await evaluatePoint(episode))) break;
      }
      episodesDone = episode;
      atBoundary = true;
      if (episode % req.checkpointEvery === 0 || episode === req.episodes) await checkpoint(episode);
      publishSummary();
    }
    status = cancelled ? 'cancelled' : 'completed';
    if (cancelled) {
      // A controller without save() keeps nothing to continue from, so it is at a boundary after any episode.
      if ((atBoundary || !controller.save) && episodesDone > 0 && lastCheckpoint !== `ep-${String(episodesDone).padStart(6, '0')}`) await checkpoint(episodesDone);
      // The aborted episode's lines (slots, its episode line, a partial evaluation point) go now, not at resume.
      writer.close();
      truncateMetricsAfter(dir, episodesDone);
    }
    return publishSummary();
  };

  const done = loop()
    .catch((err: unknown) => {
      status = 'failed';
      // One line for people (a learner's error can carry kilobytes of minified source); the stack for bug reports.
      const message = err instanceof Error ? err.message : String(err);
      error = message.split('\n')[0].slice(0, 400) || 'failed';
      errorStack = err instanceof Error && err.stack ? err.stack.slice(0, 100_000) : undefined;
      return publishSummary();
    })
    .finally(() => {
      writer.close();
      controller.dispose?.();
      p.unlock();
    });

  return {
    runId,
    dir,
    pause() {
      if (pausedPromise || status !== 'running') return;
      status = 'paused';
      pausedPromise = new Promise<void>((resolve) => (resumeGate = resolve));
      publishSummary();
    },
    resume() {
      if (!pausedPromise) return;
      status = 'running';
      const gate = resumeGate;
      pausedPromise = null;
      resumeGate = null;
      gate?.();
      publishSummary();
    },
    cancel() {
      cancelled = true;
      this.resume();
    },
    done,
  };
}

function addTotals(totals: Map<string, { sum: number; n: number }>, values: Record<string, number | number[]>): void {
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const t = totals.get(k) ?? { sum: 0, n: 0 };
    t.sum += v;
    t.n += 1;
    totals.set(k, t);
  }
}

/** Validates the request, creates the run folder and starts the episodes. */
export async function startRun(input: RunRequestInput, hooks: RunHooks = {}): Promise<RunHandle> {
  const req = parseWith(runRequestSchema, input, 'run request');
  const dir = path.resolve(req.outDir ?? defaultRunDir(req));
  return execute(await prepare(req, dir, false), hooks);
}

/**
 * Runs an already-built environment and controller (tests, custom environments). The run folder is created as
 * by startRun; `scenario` is recorded in config.json as given.
 */
export async function startRunWith(
  env: MultiAgentEnv<never, unknown>,
  controller: Controller<never, unknown>,
  input: RunRequestInput,
  scenario: Record<string, unknown>,
  hooks: RunHooks = {},
): Promise<RunHandle> {
  const req = parseWith(runRequestSchema, input, 'run request');
  const dir = path.resolve(req.outDir ?? defaultRunDir(req));
  if (fs.existsSync(path.join(dir, RUN_FILES.config))) throw new UserError(`${dir} already holds a run`);
  makeDirectory(path.join(dir, RUN_FILES.checkpoints), 'run folder');
  const unlock = lockRunFolder(dir);
  const config: RunConfig = {
    runId: path.basename(dir),
    createdAt: new Date().toISOString(),
    request: req,
    scenario,
    versions: versions(),
  };
  writeJsonAtomic(path.join(dir, RUN_FILES.config), config);
  const scenarioSeed = typeof scenario.seed === 'number' ? scenario.seed : 1;
  return execute({ req, config, dir, env, controller, firstEpisode: 1, priorWallTimeS: 0, lastCheckpoint: null, scenarioSeed, evaluates: true, unlock }, hooks);
}

/**
 * Continues an interrupted or finished run from its last checkpoint: metric lines after that checkpoint are
 * dropped first, so the resumed run neither loses nor duplicates lines. `episodes` raises the episode target.
 */
export async function resumeRun(dir: string, hooks: RunHooks = {}, opts: { episodes?: number } = {}): Promise<RunHandle> {
  const abs = path.resolve(dir);
  if (!isRunFolder(abs)) throw new UserError(`${dir} is not a run folder (it has no ${RUN_FILES.config})`);
  const config = readRunConfig(abs);
  // The episode target of the session that was interrupted (summary.json): a run continued to 40 episodes and
  // stopped at 10 resumes towards 40, not towards the 4 of its first request in config.json.
  const target = opts.episodes ?? readSummary(abs)?.episodes ?? config.request.episodes;
  const req: RunRequest = { ...config.request, episodes: target };
  if (req.episodes < 1) throw new UserError('episodes must be >= 1');
  // fillFolder refuses a total below the latest checkpoint (read through its schema: a corrupt file is named)
  return execute(await prepare(req, abs, true), hooks);
}
