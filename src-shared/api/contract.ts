// The one client API of VEC Workbench: every method's params and result, and every event, as zod schemas.
// Electron IPC, the WebSocket server and the renderer client all validate against this map.
import { z } from 'zod';
import { dnnModelSchema } from '../schemas/dnn-model';
import { envIdSchema, runProgressSchema } from '../schemas/run';
import { metricRecordSchema } from '../metrics';
import { runIdSchema, scenarioObjectSchema } from './common';
import { experimentRequestSchema, jobSchema } from './experiments';
import { exportDataParamsSchema, exportFigureDataParamsSchema, exportFigureParamsSchema, exportZipParamsSchema, exportedFileSchema, figureInfoSchema, readExportParamsSchema, readExportResultSchema } from './exports';
import { profileModelParamsSchema, profileModelResultSchema } from './models';
import { reproductionItemSchema, reproductionKeySchema, reproductionReportSchema } from './reproduce';
import { configDiffRowSchema, getRunParamsSchema, runDetailSchema, runListItemSchema } from './runs';
import { importTraceParamsSchema, importTraceResultSchema, mobilityPreviewSchema, scenarioPresetSchema, traceOverviewSchema, validateScenarioResultSchema } from './scenarios';
import { uiStatePatchSchema, uiStateSchema } from './ui-state';

const none = z.object({}).strict();
const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

/** One hyper-parameter as the experiment form shows it: read from the algorithm's zod schema plus its help. */
export const hyperFieldSchema = z.object({
  key: z.string(),
  /** enum: one of `options`; list: a JSON array (layer widths); choice: a value or one of `options` (threads). */
  type: z.enum(['integer', 'number', 'boolean', 'string', 'enum', 'list', 'choice']),
  options: z.array(z.string()).default([]),
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  /** The bound itself is not allowed (lr > 0). */
  minExclusive: z.boolean().default(false),
  maxExclusive: z.boolean().default(false),
  default: z.unknown().optional(),
  /** May be left empty (then the learner derives it, e.g. criticLr = lr). */
  optional: z.boolean().default(false),
  help: z.string().default(''),
  unit: z.string().default(''),
});
export type HyperField = z.infer<typeof hyperFieldSchema>;

export const algorithmInfoSchema = z.object({
  name: z.string(),
  label: z.string(),
  env: envIdSchema,
  kind: z.enum(['heuristic', 'learner']),
  /** The paper's hyper-parameter values; the experiment form starts from these. */
  hyperDefaults: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  /** Every hyper-parameter the form offers (type, range, choices, help text, unit), in schema order. */
  hyperFields: z.array(hyperFieldSchema).default([]),
});
export type AlgorithmInfoView = z.infer<typeof algorithmInfoSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['web', 'electron']),
  runsRoot: z.string(),
  /** Runs the engine executes at the same time (worker threads). */
  workers: z.number().int().min(1),
  envs: z.array(envIdSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const jobControlParamsSchema = z.object({
  jobId: z.string().min(1),
  action: z.enum(['pause', 'resume', 'cancel']),
});

export const apiMethods = {
  'app.info': method(none, appInfoSchema),

  'scenario.presets': method(none, z.array(scenarioPresetSchema)),
  'scenario.default': method(z.object({ env: envIdSchema }), scenarioObjectSchema),
  'scenario.validate': method(z.object({ env: envIdSchema, scenario: z.unknown() }), validateScenarioResultSchema),
  'scenario.preview': method(z.object({ env: envIdSchema, scenario: z.unknown(), episodeSeed: z.number().int().min(0).default(1) }), mobilityPreviewSchema),
  'scenario.importTrace': method(importTraceParamsSchema, importTraceResultSchema),
  /** Vehicle spans and the road outline of a stored trace (the SUMO import's vehicle picker and map). */
  'scenario.traceOverview': method(z.object({ file: z.string().min(1) }), traceOverviewSchema),

  'models.presets': method(none, z.array(dnnModelSchema)),
  'models.profile': method(profileModelParamsSchema, profileModelResultSchema),

  'algorithms.list': method(z.object({ env: envIdSchema }), z.array(algorithmInfoSchema)),

  /** Dry run: how many runs an experiment would queue, and their labels. */
  'experiments.plan': method(experimentRequestSchema, z.object({ labels: z.array(z.string()) })),
  'experiments.start': method(experimentRequestSchema, z.object({ experimentId: z.string(), jobs: z.array(jobSchema) })),
  'jobs.list': method(none, z.array(jobSchema)),
  'jobs.control': method(jobControlParamsSchema, jobSchema),

  'runs.list': method(none, z.array(runListItemSchema)),
  'runs.get': method(getRunParamsSchema, runDetailSchema),
  'runs.compare': method(z.object({ runIds: z.array(runIdSchema).min(2, 'choose at least two runs').max(20) }), z.array(configDiffRowSchema)),
  /** Continues a stopped run from its last checkpoint (optionally to a new episode total). */
  'runs.resume': method(z.object({ runId: runIdSchema, episodes: z.number().int().min(1).max(100_000).optional() }), jobSchema),

  'figures.list': method(none, z.array(figureInfoSchema)),
  'export.data': method(exportDataParamsSchema, z.array(exportedFileSchema)),
  'export.figure': method(exportFigureParamsSchema, exportedFileSchema),
  /** The plotted data of a figure (its tables) as XLSX (one file) or CSV (one file per table, zipped). */
  'export.figureData': method(exportFigureDataParamsSchema, exportedFileSchema),
  /** Packs exported files into one zip under the runs folder. */
  'export.zip': method(exportZipParamsSchema, exportedFileSchema),
  'export.read': method(readExportParamsSchema, readExportResultSchema),

  /** Paper experiments with their scales and the state of their reproductions (Reproduce screen). */
  'reproduce.list': method(none, z.array(reproductionItemSchema)),
  /** Starts (or resumes) a reproduction; one runs at a time. */
  'reproduce.start': method(reproductionKeySchema, reproductionItemSchema),
  'reproduce.cancel': method(reproductionKeySchema, reproductionItemSchema),
  'reproduce.report': method(reproductionKeySchema, reproductionReportSchema),

  'state.get': method(none, uiStateSchema),
  'state.update': method(uiStatePatchSchema, uiStateSchema),
} as const;

export type ApiMethods = typeof apiMethods;
export type ApiMethod = keyof ApiMethods;
export type ApiParams<M extends ApiMethod> = z.input<ApiMethods[M]['params']>;
export type ApiParamsParsed<M extends ApiMethod> = z.output<ApiMethods[M]['params']>;
export type ApiResult<M extends ApiMethod> = z.output<ApiMethods[M]['result']>;
export const apiMethodNames = Object.keys(apiMethods) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}

export const apiEvents = {
  /** The job list changed (queued, started, paused, finished, ...): the full list, small. */
  'jobs.changed': z.object({ jobs: z.array(jobSchema) }),
  /** Progress of a running job, at most a few times per second per job. */
  'job.progress': z.object({ jobId: z.string(), runId: z.string(), progress: runProgressSchema }),
  /** A reproduction's state changed (started, progress, finished): the experiment's item. */
  'reproduce.changed': reproductionItemSchema,
  /** New metric records of a run, batched. */
  'run.records': z.object({ jobId: z.string(), runId: z.string(), records: z.array(metricRecordSchema) }),
} as const;

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<ApiEvents[E]>;
export type ApiEvent = { [E in ApiEventName]: { event: E; payload: ApiEventPayload<E> } }[ApiEventName];

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name);
}

/** Handlers the engine provides: one per method, params already validated. */
export type ApiHandlers = { [M in ApiMethod]: (params: ApiParamsParsed<M>) => Promise<ApiResult<M>> | ApiResult<M> };
