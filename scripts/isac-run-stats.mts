// Table III numbers (convergenceStats) and per-block means of run folders. Usage: npx tsx scripts/isac-run-stats.mts runs/a runs/b ...  (prints Table III stats per run and per-50 block means)
import fs from 'node:fs';
import path from 'node:path';
import { convergenceStats } from '../src-shared/charts/convergence-stats';
const block = Number(process.env.BLOCK ?? 50);
for (const dir of process.argv.slice(2)) {
  const f = path.join(dir, 'metrics.jsonl');
  if (!fs.existsSync(f)) { console.log(dir, 'no metrics'); continue; }
  const eps = fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'episode');
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const T = cfg.scenario.slots ?? 30;
  const x = eps.map((r) => r.episode);
  const y = eps.map((r) => r.values.reward / T);
  const s = convergenceStats({ x, y });
  const tail = eps.slice(-50);
  const m = (k: string) => tail.reduce((a, r) => a + r.values[k], 0) / tail.length;
  const grad = eps.reduce((a, r) => a + (r.values.gradientSteps ?? 0), 0);
  const blocks: string[] = [];
  for (let i = 0; i < y.length; i += block) { const b = y.slice(i, i + block); blocks.push((b.reduce((a, v) => a + v, 0) / b.length).toFixed(2)); }
  console.log(`${path.basename(dir)} eps=${eps.length} steady=${s.steadyReward.toFixed(3)} cv=${s.coefficientOfVariation.toFixed(3)} conv=${s.convergenceEpisode} cost=${m('costMean').toFixed(3)} delay=${m('delayMeanS').toFixed(3)} energy=${m('energyMeanJ').toFixed(3)} gradSteps=${grad}`);
  console.log(`   blocks(${block}): ${blocks.join(' ')}`);
}

// Table III across seeds: runs grouped by their algorithm (config.json), mean +/- sample std of each number.
const groups = new Map<string, { steady: number[]; cv: number[]; conv: number[]; cost: number[]; steps: number[] }>();
for (const dir of process.argv.slice(2)) {
  const f = path.join(dir, 'metrics.jsonl');
  if (!fs.existsSync(f)) continue;
  const eps = fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'episode');
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const T = cfg.scenario.slots ?? 30;
  const s = convergenceStats({ x: eps.map((r) => r.episode), y: eps.map((r) => r.values.reward / T) });
  const g = groups.get(cfg.request.algo) ?? { steady: [], cv: [], conv: [], cost: [], steps: [] };
  const tail = eps.slice(-50);
  g.steady.push(s.steadyReward);
  g.cv.push(s.coefficientOfVariation);
  g.conv.push(s.convergenceEpisode ?? Number.NaN);
  g.cost.push(tail.reduce((a, r) => a + r.values.costMean, 0) / tail.length);
  g.steps.push(eps.reduce((a, r) => a + (r.values.gradientSteps ?? 0), 0));
  groups.set(cfg.request.algo, g);
}
const ms = (v: number[], d: number) => {
  const m = v.reduce((a, x) => a + x, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1)) : Number.NaN;
  return `${m.toFixed(d)} +/- ${Number.isNaN(sd) ? 'n/a' : sd.toFixed(d)}`;
};
console.log('\nalgo | seeds | steady reward | CV | conv. episode | per-CV cost (last 50) | gradient steps');
for (const [algo, g] of groups) console.log(`${algo} | ${g.steady.length} | ${ms(g.steady, 3)} | ${ms(g.cv, 3)} | ${ms(g.conv, 0)} | ${ms(g.cost, 3)} | ${ms(g.steps, 0)}`);
