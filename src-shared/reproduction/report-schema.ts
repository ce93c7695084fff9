// What a reproduction's report holds (report.json next to report.md / report.html), shared by the writers, the
// engine's reproduce.* methods and the UI's Reproduce screen.
import { z } from 'zod';
import { claimResultSchema, verdictSchema } from '../claims/verdict';

/** One setting of the runs that is not the workbench default (the papers' printed values or readings). */
export const readingSchema = z.object({
  /** 'scenario' or 'hyper <algo>'. */
  scope: z.string(),
  key: z.string(),
  value: z.string(),
  default: z.string(),
  /**
   * 'figure setting': one the paper states for this figure (#CVs, V, M = 7); 'departure': not the paper's;
   * 'default reading': the workbench default, which is a measured reading where the paper prints another value
   * (`default` then says what it prints).
   */
  kind: z.enum(['figure setting', 'departure', 'default reading']),
  /** docs/model-notes.md section that records the reading (relative link), if one mentions the key. */
  note: z.string().nullable(),
});
export type Reading = z.infer<typeof readingSchema>;

export const reportFigureSchema = z.object({
  id: z.string(),
  label: z.string(),
  title: z.string(),
  /** Files relative to the reproduction folder (figures/<id>.svg, .png); none for tables. */
  files: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const reportDataSchema = z.object({
  experiment: z.string(),
  title: z.string(),
  source: z.string(),
  paper: z.union([z.literal(1), z.literal(2)]),
  scale: z.string(),
  figures: z.array(reportFigureSchema),
  claims: z.array(claimResultSchema),
  counts: z.record(verdictSchema, z.number().int()),
  readings: z.array(readingSchema),
  /** docs/model-notes.md sections behind the defaults of this experiment's environment. */
  notes: z.array(z.object({ title: z.string(), link: z.string() })),
  runs: z.object({
    count: z.number().int(),
    statusCounts: z.record(z.string(), z.number().int()),
    seeds: z.array(z.number().int()),
    episodes: z.number().int(),
    slots: z.number().int().nullable(),
    evalEvery: z.number().int(),
    evalEpisodes: z.number().int(),
    algorithms: z.array(z.string()),
    backends: z.array(z.string()),
    /** Sum of the runs' wall times. */
    runsWallTimeS: z.number(),
  }),
  versions: z.record(z.string(), z.string()),
  /** Wall time of this reproduction session (start to report), and when the report was written. */
  elapsedS: z.number(),
  writtenAt: z.string(),
  command: z.string(),
  files: z.object({ xlsx: z.string(), csvDir: z.string(), markdown: z.string(), html: z.string() }),
});
export type ReportData = z.infer<typeof reportDataSchema>;
