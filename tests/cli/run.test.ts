import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src-main/experiments/environments';
import { episodeSeed, startRun } from '../../src-main/experiments/runner';
import { readMetrics } from '../../src-main/experiments/run-folder';
import { defaultScenario, parseScenario } from '../../src-main/experiments/scenarios';
import { policyFactories } from '../../src-main/policies/index';
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunConfig, RunSummary } from '../../src-shared/schemas/run';

const exec = promisify(execFile);
const root = path.join(__dirname, '../..');
const vecwb = (...args: string[]) => exec('node', ['bin/vecwb.mjs', 'run', ...args], { cwd: root });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-run-cli-'));
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const slotRewards = (records: MetricRecord[]) => records.filter((r) => r.kind === 'slot').map((r) => r.values.reward);

describe('vecwb run (the real CLI)', () => {
  it('writes config.json, 2 x 30 slot lines + 2 episode lines and a completed summary', async () => {
    const dir = tmp();
    const scenarioFile = path.join(dir, 'scenario.json');
    fs.writeFileSync(scenarioFile, JSON.stringify({ name: 'cli test', svs: { count: 3 } }));
    const out = path.join(dir, 'run');
    const { stdout } = await vecwb('--scenario', scenarioFile, '--algo', 'greedy', '--episodes', '2', '--seed', '3', '--out', out);
    expect(stdout).toContain('run completed: 2/2 episodes');
    expect(stdout).toContain(`folder: ${out}`);

    const config = readJson<RunConfig>(path.join(out, 'config.json'));
    expect(config.request).toMatchObject({ env: 'vec-dnn', algo: 'greedy', episodes: 2, seed: 3 });
    // The scenario is stored resolved: the file's fields plus every Sec. 8.1 default.
    expect(config.scenario).toEqual(parseScenario('vec-dnn', { name: 'cli test', svs: { count: 3 } }));

    const lines = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2 * 30 + 2);
    const records = readMetrics(out);
    // Per episode: slots 1..30 in order, then the episode line.
    const order = records.map((r) => (r.kind === 'slot' ? `${r.episode}.${r.slot}` : `ep${r.episode}`));
    const slots = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(order).toEqual([...slots.map((s) => `1.${s}`), 'ep1', ...slots.map((s) => `2.${s}`), 'ep2']);
    // The episode line's reward is the sum of its slot rewards (reward (56) per slot).
    for (const ep of [1, 2]) {
      const slotSum = records
        .filter((r) => r.kind === 'slot' && r.episode === ep)
        .reduce((s, r) => s + (r.values.reward as number), 0);
      const epLine = records.find((r) => r.kind === 'episode' && r.episode === ep);
      expect(epLine?.values.reward).toBeCloseTo(slotSum, 6);
    }

    const summary = readJson<RunSummary>(path.join(out, 'summary.json'));
    expect(summary).toMatchObject({ status: 'completed', episodes: 2, episodesDone: 2, algo: 'greedy', seed: 3, error: null });
    const epRewards = records.filter((r) => r.kind === 'episode').map((r) => r.values.reward as number);
    expect(summary.means.reward).toBeCloseTo((epRewards[0] + epRewards[1]) / 2, 6);
  });

  it('--episodes 0 exits with code 2 and writes nothing', async () => {
    const out = path.join(tmp(), 'run');
    await expect(vecwb('--algo', 'greedy', '--episodes', '0', '--out', out)).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: "vecwb: --episodes: got '0'; allowed 1..1000000 (a whole number in decimal digits)\n",
    });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('an invalid scenario file exits with code 2 naming the field and its range', async () => {
    const dir = tmp();
    const scenarioFile = path.join(dir, 'bad.json');
    fs.writeFileSync(scenarioFile, JSON.stringify({ cvs: { count: 0 }, lyapunovV: 0 }));
    const out = path.join(dir, 'run');
    await expect(vecwb('--scenario', scenarioFile, '--algo', 'greedy', '--out', out)).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^vecwb: invalid vec-dnn scenario:\n {2}- lyapunovV: must be > 0 .*; got 0; allowed > 0 and <= 1e9\n {2}- cvs\.count: got 0; allowed 1\.\.64 \(integer\)\n$/,
      ),
    });
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('episodeSeed (runner)', () => {
  it('scenario seed 1 (the default) gives the run-seed-only seeds of before', () => {
    for (const [run, ep] of [[3, 1], [3, 2], [7, 1], [0, 5], [2 ** 31 - 1, 1000]]) {
      expect(episodeSeed(run, ep, 1)).toBe(episodeSeed(run, ep));
    }
    // Values of the two-argument formula before the scenario seed existed:
    // (imul(run ^ 0x5bd1e995, 0x01000193) + imul(episode, 0x9e3779b1)) >>> 1.
    expect([episodeSeed(3, 1), episodeSeed(3, 2), episodeSeed(7, 1), episodeSeed(0, 5)]).toEqual([
      1607800937, 787535170, 1574245699, 465832706,
    ]);
  });

  it('another scenario seed gives other episode seeds, all valid 31-bit seeds', () => {
    expect(episodeSeed(3, 1, 2)).not.toBe(episodeSeed(3, 1));
    const seeds = Array.from({ length: 1000 }, (_, s) => episodeSeed(3, 1, s));
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
  });
});

/** Slot rewards of one greedy episode played directly on the environment from reset(seed). */
async function greedyEpisode(scenario: Record<string, unknown>, resetSeed: number): Promise<number[]> {
  const env = await createEnvironment({ env: 'vec-dnn', scenario: parseScenario('vec-dnn', scenario) }, root);
  const controller = await policyFactories.greedy(env as never, { seed: 3, hyper: {} });
  let obs = env.reset(resetSeed);
  const rewards: number[] = [];
  for (let t = 0; t < env.spec.episodeLength; t++) {
    const result = env.step((await controller.act(obs, env as never, false)) as never);
    rewards.push(result.reward);
    obs = result;
  }
  return rewards;
}

async function runRewards(scenario: Record<string, unknown>): Promise<number[]> {
  const outDir = path.join(tmp(), 'run');
  const summary = await (await startRun({ scenario, algo: 'greedy', episodes: 1, seed: 3, outDir })).done;
  expect(summary.status).toBe('completed');
  return slotRewards(readMetrics(outDir)) as number[];
}

describe("the scenario's seed field", () => {
  it('seed 1 (or none) leaves the draws of before; seed 2 changes them', async () => {
    const before = await greedyEpisode({}, episodeSeed(3, 1)); // the pre-scenario-seed episode seed
    const seed1 = await runRewards({ seed: 1 });
    expect(seed1).toHaveLength(30);
    expect(seed1).toEqual(before);
    expect(await runRewards({})).toEqual(before);

    const seed2 = await runRewards({ seed: 2 });
    expect(seed2).toEqual(await greedyEpisode({ seed: 2 }, episodeSeed(3, 1, 2)));
    expect(seed2).not.toEqual(before);
  });
});

describe('genetic algorithm vs greedy (paper 1, Sec. 8.2)', () => {
  it('on the default scenario (7 CVs, 5 SVs) the GA has the lower mean completion time (one episode, seed 3)', async () => {
    const s = defaultScenario('vec-dnn');
    expect([s.cvs.count, s.svs.count]).toEqual([7, 5]);
    // Default GA settings (population 30, 40 generations): about a second per episode here.
    const mean = async (algo: string) => {
      const outDir = path.join(tmp(), algo);
      const summary = await (await startRun({ algo, episodes: 1, seed: 3, outDir, slotMetrics: false })).done;
      expect(summary.status).toBe('completed');
      return summary.means.completionTimeMeanS as number;
    };
    const ga = await mean('genetic');
    const greedy = await mean('greedy');
    expect(ga).toBeLessThan(greedy);
    expect(ga).toBeGreaterThan(0);
  }, 60_000);
});
