// `vecwb run` and `vecwb resume`: train or evaluate an algorithm and write a run folder.
import { Command, Option } from 'commander';
import { envIds } from '../../../src-shared/env-ids';
import { UserError } from '../../../src-shared/errors';
import { hyperValue } from '../../../src-shared/hyper-value';
import { decimalIntOption } from '../../../src-shared/parse-int';
import { isDebug } from '../error-report';
import type { RunHandle, RunHooks } from '../../engine/local-run';
import type { RunSummary } from '../../../src-shared/schemas/run';

function parseHyper(pairs: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`--hyper expects key=value, got '${pair}'`);
    out[pair.slice(0, eq)] = hyperValue(pair.slice(eq + 1));
  }
  return out;
}

/** Progress on a TTY (a bar), one line per episode otherwise; Ctrl-C cancels cleanly keeping what was written. */
async function follow(start: (hooks: RunHooks) => Promise<RunHandle>): Promise<RunSummary> {
  const tty = process.stderr.isTTY;
  const cliProgress = tty ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: ' {bar} {percentage}% | episode {episode}/{episodes} | ETA {eta_formatted} | reward {reward}', etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let lastReward = '';
  const handle = await start({
    onProgress(p) {
      if (!bar) return;
      const total = p.episodes * p.slots;
      const value = (p.episode - 1) * p.slots + p.slot;
      if (!started) {
        bar.start(total, value, { episode: p.episode, episodes: p.episodes, reward: lastReward });
        started = true;
      } else bar.update(value, { episode: p.episode, episodes: p.episodes, reward: lastReward });
    },
    onRecord(r) {
      if (r.kind !== 'episode') return;
      const reward = r.values.reward;
      lastReward = typeof reward === 'number' ? reward.toFixed(2) : '';
      if (!bar) {
        const ct = r.values.completionTimeMeanS;
        process.stderr.write(
          `episode ${r.episode}: reward ${lastReward}` +
            (typeof ct === 'number' ? `, mean completion time ${ct.toFixed(3)} s` : '') +
            '\n',
        );
      }
    },
  });
  let signal: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    signal = sig;
    process.stderr.write('\ncancelling: stopping after the current slot; the unfinished episode is dropped (a second Ctrl-C stops at once)\n');
    handle.cancel();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const summary = await handle.done;
    bar?.stop();
    // The shell convention for a run ended by a signal: 128 + the signal number.
    if (signal && summary.status === 'cancelled') process.exitCode = signal === 'SIGINT' ? 130 : 143;
    return summary;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function report(summary: RunSummary): void {
  const m = summary.means;
  const lines = [
    `run ${summary.status}: ${summary.episodesDone}/${summary.episodes} episodes in ${summary.wallTimeS.toFixed(1)} s`,
    `  folder: ${summary.dir}`,
  ];
  if (summary.backend) lines.push(`  backend: ${summary.backend}`);
  if (m.reward !== undefined) lines.push(`  mean episodic reward: ${m.reward.toFixed(3)}`);
  if (m.completionTimeMeanS !== undefined) lines.push(`  mean completion time per task: ${m.completionTimeMeanS.toFixed(4)} s`);
  if (summary.error) lines.push(`  error: ${summary.error}`);
  if (summary.errorStack && isDebug(process.argv)) lines.push(summary.errorStack);
  if (summary.status === 'cancelled') {
    lines.push(
      summary.lastCheckpoint
        ? `  \`vecwb resume ${summary.dir}\` continues from checkpoint ${summary.lastCheckpoint}`
        : `  no checkpoint yet: \`vecwb resume ${summary.dir}\` starts it from episode 1`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (summary.status === 'failed') process.exitCode = 1;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('train or evaluate an algorithm on a scenario and write a run folder')
    .addOption(new Option('--env <env>', 'environment (paper)').choices(envIds))
    .option('--scenario <file|default>', "scenario JSON file, or 'default' for the paper's settings", 'default')
    .option('--algo <name>', 'algorithm: mad2rl, pqmix, genetic, greedy, random, all-local, all-rsu, ly-dtmppo, ... (required unless --resume)')
    .option('--episodes <n>', 'number of episodes (default 1; with --resume: the new total)', decimalIntOption('--episodes', 1, 1_000_000))
    .option('--seed <n>', 'run seed (episode seeds derive from it)', decimalIntOption('--seed', 0, 2 ** 31 - 1), 1)
    .option('--out <dir>', 'run folder (default: runs/<time>-<env>-<algo>-s<seed>)')
    .option('--runs-dir <dir>', 'parent folder of default run folders', 'runs')
    .option('--backend <name>', 'TF backend for learners: auto, tensorflow, wasm, cpu', process.env.VECWB_TF_BACKEND ?? 'auto')
    .option('--checkpoint-every <n>', 'episodes between checkpoints', decimalIntOption('--checkpoint-every', 1, 1_000_000), 50)
    .option('--hyper <key=value...>', 'algorithm hyper-parameters (JSON values)')
    .option('--no-slot-metrics', 'write only per-episode lines')
    .option('--eval-every <n>', 'learners: exploration-off evaluation episodes every n training episodes and after the last (0 = none)', decimalIntOption('--eval-every', 0, 1_000_000), 0)
    .option('--eval-episodes <n>', 'episodes per evaluation point', decimalIntOption('--eval-episodes', 1, 10_000), 5)
    .option('--evaluate', 'no exploration or learning (use with --checkpoint for trained learners)')
    .option('--checkpoint <dir>', 'checkpoint to load first: an ep-NNNNNN folder or a run folder (its latest); its hyper-parameters are the defaults')
    .option('--resume <run-dir>', 'continue this run folder from its last checkpoint instead (same as `vecwb resume`)')
    .action(async (opts) => {
      const { startLocalRun, resumeLocalRun } = await import('../../engine/local-run');
      if (opts.resume) {
        report(await follow((hooks) => resumeLocalRun(opts.resume, hooks, { episodes: opts.episodes })));
        return;
      }
      if (!opts.algo) throw new UserError('--algo is required (or --resume <run-dir>)');
      const summary = await follow((hooks) =>
        startLocalRun(
          {
            env: opts.env,
            scenario: opts.scenario,
            algo: opts.algo,
            episodes: opts.episodes ?? 1,
            seed: opts.seed,
            out: opts.out,
            runsDir: opts.runsDir,
            backend: opts.backend,
            checkpointEvery: opts.checkpointEvery,
            hyper: parseHyper(opts.hyper),
            slotMetrics: opts.slotMetrics,
            evalEvery: opts.evalEvery,
            evalEpisodes: opts.evalEpisodes,
            evaluate: Boolean(opts.evaluate),
            checkpoint: opts.checkpoint,
          },
          hooks,
        ),
      );
      report(summary);
    });

  program
    .command('resume')
    .description('continue a run folder from its last checkpoint (no metric line is lost or duplicated)')
    .argument('<run-dir>', 'the run folder')
    .option('--episodes <n>', 'new total number of episodes', decimalIntOption('--episodes', 1, 1_000_000))
    .action(async (dir: string, opts) => {
      const { resumeLocalRun } = await import('../../engine/local-run');
      report(await follow((hooks) => resumeLocalRun(dir, hooks, { episodes: opts.episodes })));
    });
}
