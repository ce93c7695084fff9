// Run folders under the runs root as the API presents them: list items with sweep tags and seed groups,
// details (config + records), config diffs. A run id is the folder's name directly under the root.
import fs from 'node:fs';
import path from 'node:path';
import { runIdSchema } from '../../src-shared/api/common';
import { runTags } from '../../src-shared/api/figure-runs';
import { diffConfigs, type ConfigDiffRow, type RunDetail, type RunListItem } from '../../src-shared/api/runs';
import { NotFoundError } from '../../src-shared/api/dispatch';
import type { RunConfig, RunSummary } from '../../src-shared/schemas/run';
import { isRunFolder, listRuns, readMetrics, readRunConfig, readSummary } from '../experiments/run-folder';
import { finalMetrics } from './run-final';
import { runStatusOf } from '../experiments/run-status';

/** JSON with sorted keys, so equal objects give equal strings. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

/** 32-bit FNV-1a as 8 hex digits (a short fingerprint, not a security hash). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Runs that differ only in their seed (run seed and scenario seed) and name share a group: same env,
 * algorithm, hyper-parameters, episodes and every other scenario field.
 */
export function runGroup(config: RunConfig): string {
  const { seed: _seed, name: _name, ...scenario } = config.scenario as Record<string, unknown>;
  const key = stableStringify({
    env: config.request.env,
    algo: config.request.algo,
    hyper: config.request.hyper,
    episodes: config.request.episodes,
    evaluate: config.request.evaluate,
    scenario,
  });
  const t = runTags(config);
  const parts = [config.request.algo];
  if (t.lyapunovV !== null) parts.push(`V=${t.lyapunovV}`);
  if (t.cvCount !== null) parts.push(`#CV=${t.cvCount}`);
  if (t.svCount !== null) parts.push(`#SV=${t.svCount}`);
  if (t.denoisingSteps !== null) parts.push(`M=${t.denoisingSteps}`);
  return `${parts.join(' ')} [${fnv1a(key).slice(0, 6)}]`;
}

export class RunIndex {
  constructor(
    readonly runsRoot: string,
    private readonly liveRunIds: () => Set<string>,
  ) {}

  /** The folder of a run id; NotFoundError when there is no run folder of that name. */
  dirOf(runId: string): string {
    const id = runIdSchema.parse(runId);
    const dir = path.join(this.runsRoot, id);
    if (!isRunFolder(dir)) throw new NotFoundError(`no run '${id}' in ${this.runsRoot}`);
    return dir;
  }

  private item(summary: RunSummary, config: RunConfig, live: Set<string>): RunListItem {
    return {
      summary,
      name: config.request.name ?? null,
      tags: runTags(config),
      group: runGroup(config),
      live: live.has(summary.runId),
      status: live.has(summary.runId) ? summary.status : (runStatusOf(summary.dir, summary) ?? summary.status),
      hyper: config.request.hyper,
      final: finalMetrics(summary.dir),
    };
  }

  list(): RunListItem[] {
    const live = this.liveRunIds();
    const items: RunListItem[] = [];
    for (const summary of listRuns(this.runsRoot)) {
      // The summary's dir is where the run was written; the id is what the API addresses.
      const dir = path.join(this.runsRoot, path.basename(summary.dir));
      try {
        items.push(this.item({ ...summary, runId: path.basename(dir), dir }, readRunConfig(dir), live));
      } catch {
        // A folder whose config cannot be read is left out of the list (runs.get reports why).
      }
    }
    return items;
  }

  summaryOf(runId: string): { dir: string; summary: RunSummary; config: RunConfig } {
    const dir = this.dirOf(runId);
    const config = readRunConfig(dir);
    const summary = readSummary(dir);
    if (!summary) throw new NotFoundError(`run '${runId}' has no summary.json yet`);
    return { dir, summary: { ...summary, runId: path.basename(dir), dir }, config };
  }

  get(runId: string, slots: 'none' | 'last-episode' | 'all'): RunDetail {
    const { dir, summary, config } = this.summaryOf(runId);
    const records = readMetrics(dir);
    const episodes = records.filter((r) => r.kind === 'episode');
    const evals = records.filter((r) => r.kind === 'eval');
    let slotRecords = records.filter((r) => r.kind === 'slot');
    if (slots === 'none') slotRecords = [];
    else if (slots === 'last-episode' && slotRecords.length > 0) {
      const last = slotRecords[slotRecords.length - 1].episode;
      slotRecords = slotRecords.filter((r) => r.episode === last);
    }
    return { item: this.item(summary, config, this.liveRunIds()), config, episodes, slots: slotRecords, evals };
  }

  compare(runIds: string[]): ConfigDiffRow[] {
    return diffConfigs(runIds.map((id) => readRunConfig(this.dirOf(id))));
  }

  /** True when `file` resolves inside the runs root (exports are only read from there). */
  contains(file: string): boolean {
    const root = fs.realpathSync(this.runsRoot);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      return false;
    }
    const rel = path.relative(root, real);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }
}
