// This machine's calibration of the projection's cost table: per algorithm the wall ms per training slot and per
// exploration-off evaluation slot, measured by `npm run bench -- --calibrate` (bench/calibrate.ts) on a real
// scenario with the paper setting's agents, and where and when that was measured. The file lives where
// src-main/engine/calibration-store.ts says; calibrated algorithms replace the static table's entries
// (projection.ts), the others keep theirs. Pure: the schema, its one-line errors and the merge.
import { z } from 'zod';
import { safeParseDescribed } from '../validation';
import type { AlgoCost, CostTable } from './projection';

export const CALIBRATION_VERSION = 1;

const positiveMs = z.number().positive().max(3_600_000);

export const calibratedCostSchema = z.strictObject({
  /** Wall ms per training slot: decision, environment step, storing, every learning step in it (amortised). */
  msPerSlot: positiveMs,
  /** Wall ms per slot of an exploration-off evaluation episode (decision and environment step). */
  evalMsPerSlot: positiveMs,
  /** Agents (CVs) of the scenario measured on. */
  agents: z.number().int().min(1).max(64),
  /** Whether the runner gives it evaluation points (the registry's kind). */
  learner: z.boolean(),
  /** Training and evaluation slots the figures are means over (after the untimed warm-up). */
  slotsTimed: z.number().int().min(1),
  evalSlotsTimed: z.number().int().min(1),
});
export type CalibratedCost = z.infer<typeof calibratedCostSchema>;

export const calibrationSchema = z.strictObject({
  version: z.literal(CALIBRATION_VERSION),
  /** When it was measured (ISO 8601). */
  measuredAt: z.iso.datetime({ offset: true }),
  machine: z.strictObject({
    cpu: z.string().min(1).max(200),
    cores: z.number().int().min(1).max(4096),
    /** 1-minute load average when the calibration started: other work running meanwhile inflates the figures. */
    loadAverage: z.number().min(0).optional(),
  }),
  /** The command that measured it, e.g. "npm run bench -- --calibrate". */
  source: z.string().min(1).max(200),
  /** TensorFlow.js backend the learners ran on. */
  backend: z.string().min(1).max(40).optional(),
  algorithms: z.record(z.string().min(1), calibratedCostSchema).refine((r) => Object.keys(r).length > 0, 'no algorithm measured'),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/** The calibration in `data`, or a one-line error naming the first offending field (and how many more there are). */
export function parseCalibration(data: unknown): { ok: true; calibration: Calibration } | { ok: false; error: string } {
  const r = safeParseDescribed(calibrationSchema, data);
  if (r.success) return { ok: true, calibration: r.data };
  const [first] = r.issues;
  const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
  return { ok: false, error: `${first.path || '(root)'}: ${first.message.replace(/\s+/g, ' ')}${more}` };
}

/** "on 2026-12-07, <cpu> (2 cores, load 2.2)". */
function whereAndWhen(c: Calibration): string {
  const load = c.machine.loadAverage !== undefined ? `, load ${c.machine.loadAverage.toFixed(1)} when measured` : '';
  return `on ${c.measuredAt.slice(0, 10)}, ${c.machine.cpu} (${c.machine.cores} cores${load})`;
}

/**
 * The static table with the calibrated algorithms' entries replaced (the others kept), and a basis that says
 * which figures are calibrated, by what command, when and on what machine.
 */
export function calibratedCostTable(base: CostTable, c: Calibration): CostTable {
  const costs: Record<string, AlgoCost> = { ...base.costs };
  const source = `calibrated by \`${c.source}\` ${whereAndWhen(c)}`;
  for (const [algo, m] of Object.entries(c.algorithms)) {
    costs[algo] = { msPerSlot: m.msPerSlot, evalMsPerSlot: m.evalMsPerSlot, agents: m.agents, learner: m.learner, source };
  }
  const calibrated = Object.keys(c.algorithms);
  const kept = Object.keys(base.costs).filter((a) => !(a in c.algorithms));
  const rest = kept.length > 0 ? `; ${kept.join(', ')} from the static table` : '';
  return { costs, basis: `estimate: ms per slot of ${calibrated.join(', ')} ${source}${rest}; scaled by #CVs` };
}
