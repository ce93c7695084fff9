// Reading and writing nested fields of plain JSON objects by dotted path ("cvs.cpuHz.min"), immutably.
export type Json = Record<string, unknown>;

export function getAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function setAt<T extends Json>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const copy: Json = Array.isArray(obj) ? ([...(obj as unknown[])] as unknown as Json) : { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const inner = copy[head];
    copy[head] = setAt(inner !== null && typeof inner === 'object' ? (inner as Json) : {}, rest.join('.'), value);
  }
  return copy as T;
}

/** Issues keyed by path; a field shows the message of its own path (and of its sub-paths, e.g. range refinements). */
export function issuesByPath(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] = out[i.path] ? `${out[i.path]}; ${i.message}` : i.message;
  return out;
}

/** Parses a number typed by the user; '' gives undefined, anything else not numeric keeps the text (the schema names it). */
export function parseNumberInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** "3, 5, 7" -> [3, 5, 7]; errors name the bad entry. */
export function parseNumberList(text: string, what: string): { values: number[]; error: string | null } {
  const parts = text
    .split(/[,\s;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const values: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isFinite(n)) return { values: [], error: `${what}: '${p}' is not a number` };
    values.push(n);
  }
  return { values, error: null };
}
