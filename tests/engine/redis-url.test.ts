import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redactSecret } from '../../src-main/engine/cluster/redis-url';
import { clusterTimingsFromEnv } from '../../src-main/engine/cluster/timings';
import { jobIdFor, recordKey, runJobSchema } from '../../src-main/engine/cluster/protocol';

describe('cluster Redis URL', () => {
  it('reads redis:// and rediss:// with user, password, port and db; shows them redacted', () => {
    const t = parseRedisUrl('--redis', 'redis://:s%40cret@10.0.0.5:6380/2');
    expect(t.options).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, password: 's@cret', maxRetriesPerRequest: null });
    expect(t.options.tls).toBeUndefined();
    expect(t.redacted).toBe('redis://:***@10.0.0.5:6380/2');
    const tls = parseRedisUrl('--queue', 'rediss://worker:pw@redis.lab');
    expect(tls.options).toMatchObject({ host: 'redis.lab', port: 6379, username: 'worker', password: 'pw', tls: { servername: 'redis.lab' } });
    expect(tls.redacted).toBe('rediss://worker:***@redis.lab');
    expect(parseRedisUrl('--redis', 'redis://127.0.0.1').redacted).toBe('redis://127.0.0.1');
  });

  it('refuses anything else in one line naming the flag, without the password', () => {
    const msg = (raw: string) => {
      try {
        parseRedisUrl('--redis', raw);
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(msg('http://:hunter2@h:1')).toBe("--redis: 'http://:***@h:1' has scheme 'http', not redis or rediss (expected redis://[user:password@]host[:port][/db] or rediss://...)");
    expect(msg('localhost:6379')).toMatch(/^--redis: 'localhost:6379' has scheme 'localhost'/);
    expect(msg('redis://:hunter2@h:99999')).toMatch(/^--redis: 'redis:\/\/:\*\*\*@h:99999' is not a URL/);
    expect(msg('redis://h/abc')).toMatch(/has '\/abc' where a database number belongs/);
    expect(msg('not a url')).toMatch(/is not a URL/);
    expect(redactSecret('WRONGPASS for p@ss and p%40ss', 'p@ss')).toBe('WRONGPASS for *** and ***');
  });

  it('lock timings from VECWB_CLUSTER_LOCK_MS', () => {
    expect(clusterTimingsFromEnv({})).toEqual({});
    expect(clusterTimingsFromEnv({ VECWB_CLUSTER_LOCK_MS: '2000' })).toEqual({ lockDurationMs: 2000, stalledIntervalMs: 1000 });
    expect(() => clusterTimingsFromEnv({ VECWB_CLUSTER_LOCK_MS: '10' })).toThrow("VECWB_CLUSTER_LOCK_MS: got '10'");
  });

  it('job payloads: relative run folders only; line keys; job ids without colons', () => {
    const ok = { v: 1, runDir: 'tiny-abc/001-pqmix-s1', label: 'x', request: { algo: 'pqmix', episodes: 2 } };
    expect(runJobSchema.safeParse(ok).success).toBe(true);
    expect(runJobSchema.safeParse({ ...ok, runDir: '../etc' }).success).toBe(false);
    expect(runJobSchema.safeParse({ ...ok, runDir: '/abs' }).success).toBe(false);
    expect(recordKey({ kind: 'slot', episode: 3, slot: 7, values: {} })).toBe('s3.7');
    expect(recordKey({ kind: 'episode', episode: 3, wallTimeS: 1, values: {} })).toBe('e3');
    expect(recordKey({ kind: 'eval', episode: 3, index: 2, wallTimeS: 1, values: {} })).toBe('v3.2');
    expect(jobIdFor('p1:cvs', '001 x')).toBe('p1_cvs.001_x');
  });
});
