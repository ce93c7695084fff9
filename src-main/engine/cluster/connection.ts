// Connections to the cluster's Redis: a check that it answers (a one-line error naming the flag otherwise,
// password redacted), and clients for streams and flags.
import { Redis } from 'ioredis';
import { UserError } from '../../../src-shared/errors';
import { redactSecret, type RedisTarget } from './redis-url';

export function errorText(err: unknown, target: RedisTarget): string {
  const msg = err instanceof Error ? err.message : String(err);
  return redactSecret(msg.split('\n')[0], target.password);
}

/** A client for commands (not BullMQ's blocking ones); errors are reported by the commands that fail. */
export function redisClient(target: RedisTarget): Redis {
  const client = new Redis({ ...target.options, lazyConnect: false });
  client.on('error', () => {});
  return client;
}

/** Connects once and pings; an unreachable server, a wrong password or a TLS failure is a UserError. */
export async function checkRedis(target: RedisTarget, flag: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let last: unknown = null;
  probe.on('error', (err: unknown) => (last = err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new UserError(`${flag}: cannot use ${target.redacted}: ${errorText(last ?? err, target)}`);
  } finally {
    probe.disconnect();
  }
}
