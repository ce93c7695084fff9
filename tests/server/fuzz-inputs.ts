// Seeded generators of bad inputs for tests/server/fuzz.test.ts: one field of a valid document replaced by a
// bad value, removed, or joined by an unknown sibling; broken SUMO traces; raw HTTP bodies. The same seed gives
// the same inputs, so a failure names an input that can be replayed.

/** mulberry32: a tiny seeded PRNG (the test's own, so it does not depend on the code under test). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** Values no physical field should take silently (JSON has no NaN/Infinity: 1e308 and -1e308 stand in). */
export const BAD_VALUES: readonly unknown[] = [
  -1, -0.5, 0, 1e308, -1e308, 1e-320, 2 ** 53 + 1, 1.5, 1e12, 'x', '', '1e3', '0x10', null, true, [], {}, [1, 'a'], { $ne: 1 },
  'a'.repeat(5000),
];

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Path = (string | number)[];

/** Every path in `doc` (objects and arrays included), root excluded. */
export function paths(doc: Json, prefix: Path = []): Path[] {
  if (doc === null || typeof doc !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(doc) ? doc.map((v, i) => [i, v]) : Object.entries(doc);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function clone<T extends Json>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}

export interface Mutation {
  doc: Json;
  /** Dotted path of the field changed (for an unknown key: the key added). */
  field: string;
  kind: 'value' | 'delete' | 'unknown-key';
  value?: unknown;
}

/** One mutation of `base`: a bad value (80 %), a removed field (10 %) or an unknown key (10 %). */
export function mutate(base: Json, rnd: () => number): Mutation {
  const doc = clone(base);
  const all = paths(doc);
  const at = pick(rnd, all);
  const parentPath = at.slice(0, -1);
  let parent = doc as Record<string | number, Json>;
  for (const k of parentPath) parent = parent[k] as Record<string | number, Json>;
  const key = at[at.length - 1];
  const r = rnd();
  if (r < 0.8) {
    const value = pick(rnd, BAD_VALUES);
    parent[key] = value as Json;
    return { doc, field: at.join('.'), kind: 'value', value };
  }
  if (r < 0.9 && !Array.isArray(parent)) {
    delete parent[key];
    return { doc, field: at.join('.'), kind: 'delete' };
  }
  const holder = Array.isArray(parent) ? (doc as Record<string, Json>) : parent;
  const typo = `${String(Array.isArray(parent) ? 'extra' : key)}z`;
  holder[typo] = 1;
  return { doc, field: [...(Array.isArray(parent) ? [] : parentPath), typo].join('.'), kind: 'unknown-key' };
}

/** Broken or hostile variants of a valid SUMO FCD trace. */
export function badTraces(valid: string, rnd: () => number, n: number): { name: string; xml: string }[] {
  const body = valid.slice(valid.indexOf('<fcd-export'));
  const variants: ((s: string) => { name: string; xml: string })[] = [
    (s) => ({ name: 'truncated', xml: s.slice(0, Math.floor(rnd() * s.length)) }),
    (s) => ({ name: 'empty', xml: '' }),
    (s) => ({ name: 'not xml', xml: `{"json": ${s.length}}` }),
    (s) => ({ name: 'decreasing time', xml: s.replace(/time="(\d+)\.00"/, 'time="99.00"') }),
    (s) => ({ name: 'huge x', xml: s.replace(/ x="[\d.]+"/, ' x="1e308"') }),
    (s) => ({ name: 'x not a number', xml: s.replace(/ x="[\d.]+"/, ' x="abc"') }),
    (s) => ({ name: 'negative time', xml: s.replace(/time="0\.00"/, 'time="-5"') }),
    (s) => ({ name: 'no vehicles', xml: '<fcd-export><timestep time="0"/></fcd-export>' }),
    (s) => ({ name: 'wrong root', xml: s.replace(/fcd-export/g, 'netstate') }),
    (s) => ({ name: 'external entity', xml: `<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${s.replace('<vehicle id="veh00"', '<vehicle id="&x;"')}` }),
    (s) => ({ name: 'entity expansion', xml: `<!DOCTYPE f [<!ENTITY a "${'A'.repeat(1000)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${s.replace('<vehicle id="veh00"', '<vehicle id="&b;"')}` }),
    (s) => ({ name: 'vehicle without id', xml: s.replace(/<vehicle id="veh01" /, '<vehicle ') }),
    (s) => ({ name: 'binary', xml: String.fromCharCode(...Array.from({ length: 200 }, () => Math.floor(rnd() * 256))) }),
  ];
  return Array.from({ length: n }, () => pick(rnd, variants)(body));
}

/** Raw HTTP request bodies for /api/<method>: not JSON, JSON of the wrong shape, or params of the wrong kind. */
export function badBodies(rnd: () => number, n: number): string[] {
  const make: (() => string)[] = [
    () => '{',
    () => '',
    () => 'null',
    () => '[]',
    () => '"params"',
    () => JSON.stringify({ params: pick(rnd, BAD_VALUES) }),
    () => JSON.stringify(pick(rnd, BAD_VALUES)),
    () => JSON.stringify({ env: pick(rnd, ['vec-dnn', 'isac-dt', 'x', 3, null]), scenario: pick(rnd, BAD_VALUES) }),
    () => '{"__proto__": {"polluted": true}, "env": "vec-dnn"}',
    () => `{"env": "vec-dnn", "scenario": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(rnd() * 256))).toString('latin1'),
  ];
  return Array.from({ length: n }, () => pick(rnd, make)());
}

/** A misspelt key: one of `doc`'s object keys (not a union's `kind`) with a letter inserted. */
export interface Typo {
  doc: Json;
  /** Dotted path of the misspelt key and of the key it replaces. */
  typo: string;
  original: string;
}

export function typoKey(base: Json, rnd: () => number): Typo {
  const doc = clone(base);
  const keyPaths = paths(doc).filter((p) => typeof p[p.length - 1] === 'string' && p[p.length - 1] !== 'kind' && !p.some((k) => typeof k === 'number'));
  const at = pick(rnd, keyPaths);
  let parent = doc as Record<string, Json>;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string, Json>;
  const key = String(at[at.length - 1]);
  const where = Math.floor(rnd() * (key.length + 1));
  const letter = String.fromCharCode(97 + Math.floor(rnd() * 26));
  const misspelt = key.slice(0, where) + letter + key.slice(where);
  parent[misspelt] = parent[key];
  delete parent[key];
  const prefix = at.slice(0, -1).join('.');
  const full = (k: string) => (prefix ? `${prefix}.${k}` : k);
  return { doc, typo: full(misspelt), original: full(key) };
}

/** A number field of `doc` set to +-1e308 (no physical quantity is that large). */
export function absurdNumber(base: Json, rnd: () => number): { doc: Json; field: string; value: number } {
  const doc = clone(base);
  const numberPaths = paths(doc).filter((p) => {
    let v: Json = doc;
    for (const k of p) v = (v as Record<string | number, Json>)[k];
    return typeof v === 'number';
  });
  const at = pick(rnd, numberPaths);
  let parent = doc as Record<string | number, Json>;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const value = rnd() < 0.5 ? 1e308 : -1e308;
  parent[at[at.length - 1]] = value;
  return { doc, field: at.join('.'), value };
}
