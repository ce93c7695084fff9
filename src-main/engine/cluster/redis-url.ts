// The Redis URL of a cluster (`--redis` of `vecwb worker`, `--queue` of `vecwb reproduce`): redis:// or
// rediss:// (TLS), an optional user and password, host, port, database number. The password never appears in
// anything printed: `redacted` replaces it, and errors pass through redactSecret.
import type { RedisOptions } from 'ioredis';
import { UserError } from '../../../src-shared/errors';

export interface RedisTarget {
  /** The URL as given, for connecting (holds the password). */
  url: string;
  /** The URL with its password replaced by ***: for logs and errors. */
  redacted: string;
  /** ioredis options (BullMQ needs maxRetriesPerRequest null on its blocking connections). */
  options: RedisOptions;
  password: string | null;
}

/** `text` with every occurrence of `secret` (raw and URL-encoded) replaced by ***. */
export function redactSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  let out = text;
  for (const s of new Set([secret, encodeURIComponent(secret)])) out = out.split(s).join('***');
  return out;
}

/** A URL-ish string with any password part (`//user:pw@`) replaced, for errors about unparsable input. */
function redactRaw(raw: string): string {
  return raw.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export function parseRedisUrl(flag: string, raw: string): RedisTarget {
  const shown = redactRaw(raw.trim());
  const bad = (why: string) => new UserError(`${flag}: '${shown}' ${why} (expected redis://[user:password@]host[:port][/db] or rediss://...)`);
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad('is not a URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw bad(`has scheme '${u.protocol.replace(/:$/, '')}', not redis or rediss`);
  if (!u.hostname) throw bad('names no host');
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('has no valid port');
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText)) throw bad(`has '/${dbText}' where a database number belongs`);
  if (u.search || u.hash) throw bad('has a query or fragment');
  const password = u.password ? decodeURIComponent(u.password) : null;
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisOptions = {
    host,
    port,
    db: dbText === '' ? 0 : Number(dbText),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(u.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
    maxRetriesPerRequest: null,
  };
  const redacted = `${u.protocol}//${username ?? ''}${password !== null ? ':***' : ''}${username || password !== null ? '@' : ''}${u.host}${dbText ? `/${dbText}` : ''}`;
  return { url: raw.trim(), redacted, options, password };
}
