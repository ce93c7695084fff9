// Reproductions for the UI: every paper experiment at smoke / quick / paper scale, each in its own folder under
// <runsRoot>/_reproduce/<experiment>-<scale>/ (the layout of `vecwb reproduce --out`), run one at a time with
// each run in a worker thread (the engine's RunExecutor). Folders left by earlier sessions are listed as
// completed or interrupted; starting an interrupted one resumes its sweep.
import fs from 'node:fs';
import path from 'node:path';
import { experimentRequestSchema, planExperiment, type PlannedRun } from '../../src-shared/api/experiments';
import type { ReproduceScale, ReproductionItem, ReproductionKey, ReproductionReport, ReproductionScaleState } from '../../src-shared/api/reproduce';
import { reproduceScaleSchema } from '../../src-shared/api/reproduce';
import { NotFoundError } from '../../src-shared/api/dispatch';
import { getFigure } from '../../src-shared/charts/catalog';
import { UserError } from '../../src-shared/errors';
import { projectExperiment, type CostTable } from '../../src-shared/reproduction/projection';
import type { SweepProgress } from '../../src-shared/reproduction/sweep-progress';
import { reportDataSchema, type ReportData } from '../../src-shared/reproduction/report-schema';
import { parseWith } from '../../src-shared/validation';
import { getPaperExperiment, paperExperiments, scaleBudget, sweepDefinition, type PaperExperiment } from '../experiments/paper-experiments';
import { SWEEP_INDEX, readSweepIndex } from '../experiments/sweep-results';
import { readReproductionState, REPORT_FILES, reproduceExperiment } from '../report/reproduction';
import type { RunExecutor } from './executor';
import { executorLauncher } from './executor-launcher';
import { loadCostTable } from './calibration-store';
import { mergeHooks, SweepProgressTracker } from './sweep-pool/sweep-progress';
import type { SweepLauncherSource } from './cluster/queue-source';

export const REPRODUCE_DIR = '_reproduce';

export { executorLauncher } from './executor-launcher';

interface Active {
  key: ReproductionKey;
  abort: AbortController;
  planned: PlannedRun[];
  /** Runs done and live, with ETAs (several runs execute at once with concurrency > 1). */
  tracker: SweepProgressTracker;
  finished: Promise<void>;
}

const THROTTLE_MS = 500;

export class ReproductionService {
  private active: Active | null = null;
  private lastEmit = 0;

  constructor(
    private readonly root: string,
    private readonly executor: RunExecutor,
    private readonly emit: (item: ReproductionItem) => void,
    private readonly onError: (err: unknown) => void = () => {},
    /** Runs of a sweep executed at once (the engine's workers). */
    private readonly concurrency = 1,
    /** Where sweeps' runs execute instead of the engine's workers (a cluster queue), when configured. */
    private readonly launchers: SweepLauncherSource | null = null,
  ) {}

  dirOf(key: ReproductionKey): string {
    return path.join(this.root, `${key.experiment}-${key.scale}`);
  }

  list(): ReproductionItem[] {
    const table = loadCostTable();
    return paperExperiments.map((e) => this.item(e, table));
  }

  /** `table`: the projection's costs (this machine's calibration over the static table; read once per listing). */
  private item(exp: PaperExperiment, table: CostTable = loadCostTable()): ReproductionItem {
    return {
      experiment: exp.id,
      paper: exp.paper,
      title: exp.title,
      source: exp.source,
      kind: exp.kind,
      figures: exp.figures.map((id) => ({ id, label: getFigure(id).label })),
      scales: reproduceScaleSchema.options.map((scale) => this.scaleState(exp, scale, table)),
    };
  }

  private scaleState(exp: PaperExperiment, scale: ReproduceScale, table: CostTable): ReproductionScaleState {
    const key = { experiment: exp.id, scale };
    const dir = this.dirOf(key);
    const stateFile = readReproductionState(dir);
    const hasReport = fs.existsSync(path.join(dir, REPORT_FILES.json));
    const firstSvg = exp.figures.map((id) => path.join(dir, 'figures', `${id}.svg`)).find((f) => fs.existsSync(f)) ?? null;
    let runs = 0;
    let episodesPerRun = 0;
    let totalEpisodes = 0;
    let projectedS = 0;
    let runsDone = 0;
    if (exp.kind === 'sweep') {
      const request = experimentRequestSchema.parse(sweepDefinition(exp, scale).experiment);
      const p = projectExperiment(request, table);
      ({ runs, episodesPerRun, totalEpisodes } = p);
      projectedS = p.seconds;
      if (fs.existsSync(path.join(dir, 'sweep', SWEEP_INDEX))) {
        try {
          runsDone = readSweepIndex(path.join(dir, 'sweep')).runs.filter((r) => r.status === 'completed').length;
        } catch {
          runsDone = 0;
        }
      }
    }
    const live = this.active && this.active.key.experiment === exp.id && this.active.key.scale === scale ? this.active : null;
    let status: ReproductionScaleState['status'] = stateFile?.status ?? (hasReport ? 'completed' : 'none');
    // A folder marked running that this engine does not run was left by a session that ended: interrupted.
    if (status === 'running' && !live) status = 'interrupted';
    if (live) status = 'running';
    let progress = runs > 0 ? runsDone / runs : hasReport ? 1 : 0;
    let remainingS: number | null = null;
    let current: ReproductionScaleState['current'] = null;
    let sweep: SweepProgress | null = null;
    if (live) {
      sweep = live.tracker.snapshot();
      const fractions = sweep.running.reduce((sum, r) => sum + r.fraction, 0);
      progress = runs > 0 ? Math.min(1, (sweep.completed + sweep.failed + fractions) / runs) : 0;
      remainingS = sweep.etaS;
      const first = sweep.running[0];
      current = first ? { label: first.label, position: first.index + 1, episode: first.episode, episodes: first.episodes } : null;
      runsDone = sweep.completed;
    }
    if (status === 'completed') progress = 1;
    return {
      scale, runs, episodesPerRun, totalEpisodes, projectedS, projectionBasis: table.basis,
      why: exp.kind === 'sweep' ? scaleBudget(exp, scale).why : `no runs: drawn from the ${exp.modelName} layer table`,
      status, runsDone, progress, remainingS, current, error: stateFile?.error ?? null, thumbnail: firstSvg, hasReport, dir,
      ...(sweep ? { sweep } : {}),
    };
  }

  private changed(expId: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < THROTTLE_MS) return;
    this.lastEmit = now;
    this.emit(this.item(getPaperExperiment(expId)));
  }

  start(key: ReproductionKey): ReproductionItem {
    const exp = getPaperExperiment(key.experiment);
    if (this.active) {
      throw new UserError(`${this.active.key.experiment} (${this.active.key.scale}) is being reproduced; cancel it or wait for it to finish`);
    }
    const planned = exp.kind === 'sweep' ? planExperiment(experimentRequestSchema.parse(sweepDefinition(exp, key.scale).experiment)) : [];
    const abort = new AbortController();
    const tracker = new SweepProgressTracker(planned, this.concurrency, undefined, loadCostTable().costs);
    const active: Active = { key, abort, planned, tracker, finished: Promise.resolve() };
    this.active = active;
    const dir = this.dirOf(key);
    const trackerHooks = tracker.hooks();
    const reproduce = async () => {
      const opened = this.launchers && exp.kind === 'sweep' ? await this.launchers.open(sweepDefinition(exp, key.scale).id, path.join(dir, 'sweep'), planned.length) : null;
      try {
        await reproduceExperiment(exp, {
          outDir: dir,
          scale: key.scale,
          drawing: { formats: ['svg', 'png'] },
          launcher: opened?.launcher ?? executorLauncher(this.executor),
          concurrency: opened?.concurrency ?? this.concurrency,
          signal: abort.signal,
          command: `Reproduce screen: ${exp.id} at scale ${key.scale}`,
          hooks: mergeHooks(trackerHooks, {
            onRunStart: () => this.changed(exp.id, true),
            onProgress: () => this.changed(exp.id),
            onRunEnd: () => this.changed(exp.id, true),
          }),
        });
      } finally {
        await opened?.close();
      }
    };
    active.finished = reproduce().then(
      () => undefined,
      (err: unknown) => {
        // reproduction.json records the failure (shown on the screen); a bug is reported as well.
        if (!(err instanceof UserError)) this.onError(err);
      },
    ).finally(() => {
      this.active = null;
      this.changed(exp.id, true);
    });
    return this.item(exp);
  }

  cancel(key: ReproductionKey): ReproductionItem {
    const exp = getPaperExperiment(key.experiment);
    if (!this.active || this.active.key.experiment !== key.experiment || this.active.key.scale !== key.scale) {
      throw new UserError(`${key.experiment} (${key.scale}) is not being reproduced`);
    }
    this.active.abort.abort();
    return this.item(exp);
  }

  report(key: ReproductionKey): ReproductionReport {
    const exp = getPaperExperiment(key.experiment);
    const dir = this.dirOf(key);
    const file = path.join(dir, REPORT_FILES.json);
    if (!fs.existsSync(file)) throw new NotFoundError(`${exp.id} has no report at scale ${key.scale} yet`);
    const report: ReportData = parseWith(reportDataSchema, JSON.parse(fs.readFileSync(file, 'utf8')), file);
    const abs = (rel: string | undefined) => (rel ? path.join(dir, rel) : null);
    return {
      report,
      dir,
      files: {
        figures: report.figures.map((f) => ({
          id: f.id,
          label: f.label,
          svg: abs(f.files.find((x) => x.endsWith('.svg'))),
          png: abs(f.files.find((x) => x.endsWith('.png'))),
        })),
        xlsx: path.join(dir, report.files.xlsx),
      },
    };
  }

  /** Cancels a running reproduction (engine shutdown); its runs keep their checkpoints. */
  async close(): Promise<void> {
    const a = this.active;
    if (!a) return;
    a.abort.abort();
    await a.finished;
  }
}
