// Drives a controller through episodes the way the runner does (act, step, observe, endEpisode).
import type { Controller } from '../../src-main/sim/controller';
import type { MultiAgentEnv } from '../../src-main/sim/env';

export interface EpisodeLog {
  returns: number[];
  actions: number[][];
  metrics: Record<string, number>[];
}

export async function runEpisodes<I>(
  c: Controller<number, unknown>,
  env: MultiAgentEnv<number, I>,
  episodes: number,
  opts: { explore?: boolean; seedOf?: (episode: number) => number; onSlot?: (info: I) => void } = {},
): Promise<EpisodeLog> {
  const log: EpisodeLog = { returns: [], actions: [], metrics: [] };
  const anyEnv = env;
  for (let ep = 1; ep <= episodes; ep++) {
    let obs = env.reset(opts.seedOf ? opts.seedOf(ep) : ep);
    let ret = 0;
    for (;;) {
      const a = await c.act(obs, anyEnv, opts.explore ?? true);
      log.actions.push(a);
      const r = env.step(a);
      ret += r.reward;
      opts.onSlot?.(r.info);
      if (opts.explore ?? true) await c.observe?.(obs, a, r);
      obs = r;
      if (r.done) break;
    }
    log.returns.push(ret);
    if (opts.explore ?? true) log.metrics.push(c.endEpisode ? await c.endEpisode(ep) : {});
  }
  return log;
}
