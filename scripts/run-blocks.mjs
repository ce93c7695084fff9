#!/usr/bin/env node
// Prints, for each run folder given, training blocks (mean per block of N episodes) and every
// exploration-off evaluation point: mean completion time per task (s), overall (sum over CVs, s), reward.
// usage: node scripts/run-blocks.mjs [--block 25] <run-dir>...
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let block = 25;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--block') block = Number(args[++i]);
  else dirs.push(args[i]);
}
const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
for (const dir of dirs) {
  const file = path.join(dir, 'metrics.jsonl');
  if (!fs.existsSync(file)) continue;
  const recs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const eps = recs.filter((r) => r.kind === 'episode');
  const evs = recs.filter((r) => r.kind === 'eval');
  const blocks = [];
  for (let s = 0; s < eps.length; s += block) {
    const b = eps.slice(s, s + block);
    blocks.push(`${b[0].episode}-${b[b.length - 1].episode}: ${f(mean(b.map((r) => r.values.completionTimeMeanS)))}s/${f(mean(b.map((r) => r.values.reward)) / 1000, 1)}k`);
  }
  const points = [...new Set(evs.map((r) => r.episode))].map((e) => {
    const b = evs.filter((r) => r.episode === e);
    return `${e}: ${f(mean(b.map((r) => r.values.completionTimeSumS)))}s/${f(mean(b.map((r) => r.values.reward)) / 1000, 1)}k`;
  });
  console.log(`${path.basename(dir)} (${eps.length} ep)\n  train [mean ct/task / reward]: ${blocks.join(' | ')}\n  eval [overall ct / reward]: ${points.join(' | ')}`);
}
