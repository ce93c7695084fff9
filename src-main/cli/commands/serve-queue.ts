// `vecwb serve --queue <url>`: the Reproduce screen's sweeps go to a cluster queue; the URL is checked (and the
// server reached) before the UI starts, errors naming the flag with the password redacted.
import { checkRedis } from '../../engine/cluster/connection';
import { queueLauncherSource, type SweepLauncherSource } from '../../engine/cluster/queue-source';
import { parseRedisUrl } from '../../engine/cluster/redis-url';

export async function queueFromFlag(raw: string, log: (line: string) => void): Promise<SweepLauncherSource> {
  const target = parseRedisUrl('--queue', raw);
  await checkRedis(target, '--queue');
  const source = queueLauncherSource(target, log);
  log(source.describe);
  return source;
}
