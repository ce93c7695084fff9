// Turns schema failures into one readable error that names each offending field and what is allowed.
// For a number (or a string/array length) out of range the message gives the value received and the whole
// allowed range of that field, e.g. "cvs.count: got 0; allowed 1..64 (integer)": zod's issue carries only the
// bound that was crossed, so the other bound is read from the field's schema (found by the issue's path).
import { z } from 'zod';
import { ValidationError } from './errors';
import { nearestName } from './nearest-name';

// Defined in errors.ts so that catching it (the CLI shell) does not load zod.
export { ValidationError };

/** Marks range issues that carry zod's default wording (a schema's own message is kept and extended instead). */
const DEFAULT_RANGE_MESSAGE = '\u0000range';

/** The schemas that can sit at `path` below `schema` (unions and pipes may give several). */
function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  if (
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodNonOptional ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly
  ) {
    return schemasAt(schema.def.innerType, path);
  }
  if (schema instanceof z.ZodLazy) return schemasAt(schema.def.getter(), path);
  if (schema instanceof z.ZodPipe) return [...schemasAt(schema.def.in, path), ...schemasAt(schema.def.out, path)];
  if (schema instanceof z.ZodUnion) return schema.def.options.flatMap((o) => schemasAt(o, path));
  if (schema instanceof z.ZodIntersection) return [...schemasAt(schema.def.left, path), ...schemasAt(schema.def.right, path)];
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (schema instanceof z.ZodObject) {
    const child = (schema.shape as Record<PropertyKey, z.core.$ZodType | undefined>)[head];
    return child ? schemasAt(child, rest) : schema.def.catchall ? schemasAt(schema.def.catchall, rest) : [];
  }
  if (schema instanceof z.ZodArray) return schemasAt(schema.def.element, rest);
  if (schema instanceof z.ZodTuple) {
    const item = typeof head === 'number' ? schema.def.items[head] : undefined;
    return item ? schemasAt(item, rest) : schema.def.rest ? schemasAt(schema.def.rest, rest) : [];
  }
  if (schema instanceof z.ZodRecord) return schemasAt(schema.def.valueType, rest);
  return [];
}

interface Bounds {
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
  integer: boolean;
}

const UNITS = { number: '', int: '', string: ' characters', array: ' items' } as const;
type RangeOrigin = keyof typeof UNITS;
const isRangeOrigin = (o: unknown): o is RangeOrigin => typeof o === 'string' && o in UNITS;

/** Bounds of a number schema, or of the length of a string/array schema, from its JSON Schema form. */
function boundsOf(schema: z.core.$ZodType, origin: RangeOrigin): Bounds | undefined {
  const wanted = origin === 'string' ? z.ZodString : origin === 'array' ? z.ZodArray : z.ZodNumber;
  if (!(schema instanceof wanted)) return undefined;
  let json: z.core.JSONSchema.BaseSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return undefined;
  }
  const [lo, hi] =
    origin === 'string' ? [json.minLength, json.maxLength] : origin === 'array' ? [json.minItems, json.maxItems] : [json.minimum, json.maximum];
  const bounds: Bounds = { integer: json.type === 'integer' };
  // An integer schema carries the safe-integer range as bounds; those are not limits a user set.
  const real = (v: number | undefined) => v !== undefined && !(bounds.integer && Math.abs(v) >= Number.MAX_SAFE_INTEGER);
  if (typeof json.exclusiveMinimum === 'number') bounds.min = { value: json.exclusiveMinimum, inclusive: false };
  else if (real(lo)) bounds.min = { value: lo as number, inclusive: true };
  if (typeof json.exclusiveMaximum === 'number') bounds.max = { value: json.exclusiveMaximum, inclusive: false };
  else if (real(hi)) bounds.max = { value: hi as number, inclusive: true };
  return bounds;
}

/** From 1e6 on, the shorter of the plain and the exponent form: 1e9 rather than 1000000000; 10000, 2147483647 as is. */
function formatNumber(n: number): string {
  const plain = String(n);
  if (Math.abs(n) < 1e6) return plain;
  const exp = n.toExponential().replace('e+', 'e');
  return exp.length < plain.length ? exp : plain;
}

/** A received value for a message, shortened. */
function showValue(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function formatBounds(b: Bounds, unit: string): string {
  const { min, max } = b;
  let range: string;
  if (min && max && min.inclusive && max.inclusive) range = `${formatNumber(min.value)}..${formatNumber(max.value)}`;
  else {
    const parts: string[] = [];
    if (min) parts.push(`${min.inclusive ? '>=' : '>'} ${formatNumber(min.value)}`);
    if (max) parts.push(`${max.inclusive ? '<=' : '<'} ${formatNumber(max.value)}`);
    range = parts.join(' and ');
  }
  return range + unit + (b.integer ? ' (integer)' : '');
}

/** "got <value>; allowed <range>" for a too_small/too_big issue, or undefined when it is not about a range. */
function rangeText(root: z.core.$ZodType, issue: z.core.$ZodIssue & { input?: unknown }): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const origin = issue.origin;
  if (!isRangeOrigin(origin)) return undefined;
  const unit = UNITS[origin];
  const crossed = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  if (typeof crossed !== 'number') return undefined;
  // Among the schemas at this path (several under a union) take one whose bound is the one crossed.
  const candidates = schemasAt(root, issue.path).flatMap((s) => boundsOf(s, origin) ?? []);
  const side = issue.code === 'too_small' ? 'min' : 'max';
  const own: Bounds = { integer: origin === 'int', [side]: { value: crossed, inclusive: issue.inclusive ?? true } };
  const bounds = candidates.find((b) => b[side]?.value === crossed) ?? own;
  const input = issue.input;
  const got =
    typeof input === 'number'
      ? formatNumber(input)
      : typeof input === 'string' || Array.isArray(input)
        ? `${input.length}${unit}`
        : undefined;
  return `${got !== undefined ? `got ${got}; ` : ''}allowed ${formatBounds(bounds, unit)}`;
}

/**
 * The issue's message naming the value received when zod's issue does not (a schema's own "h must be a number"
 * becomes 'h must be a number; got "8"'; an unknown discriminator names the value found).
 */
function withReceived(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const message = issue.message;
  if (/\bgot\b/.test(message)) return message;
  if (issue.code === 'invalid_type' && 'input' in issue) {
    return issue.input === undefined ? `${message}; missing` : `${message}; got ${showValue(issue.input)}`;
  }
  const discriminator = (issue as { discriminator?: unknown }).discriminator;
  if (issue.code === 'invalid_union' && typeof discriminator === 'string' && issue.input !== null && typeof issue.input === 'object') {
    const found = (issue.input as Record<string, unknown>)[discriminator];
    return `${message}; got ${found === undefined ? 'none' : showValue(found)}`;
  }
  return message;
}

/** The keys an object at `path` below `schema` knows (under a union: the options that do not know `unknown`). */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], unknown: readonly string[]): string[] {
  const objects = schemasAt(schema, path).filter((s): s is z.ZodObject => s instanceof z.ZodObject);
  const keysOf = (o: z.ZodObject) => Object.keys(o.shape);
  const fitting = objects.filter((o) => !keysOf(o).some((k) => unknown.includes(k)));
  return [...new Set((fitting.length > 0 ? fitting : objects).flatMap(keysOf))];
}

/**
 * One issue per unknown key: its full path, and the nearest known key of the same object ("unknown key 'slotz' in
 * scenario; did you mean 'slots'?").
 */
function unknownKeyIssues(schema: z.core.$ZodType, issue: z.core.$ZodIssue, subject: string): { path: string; message: string }[] {
  if (issue.code !== 'unrecognized_keys') return [];
  const known = knownKeysAt(schema, issue.path, issue.keys);
  const full = (key: string) => [...issue.path.map(String), key].join('.');
  return issue.keys.map((key) => {
    const nearest = nearestName(key, known);
    const hint = nearest === undefined ? 'this object takes no keys' : `did you mean '${full(nearest)}'?`;
    return { path: full(key), message: `unknown key '${full(key)}' in ${subject}; ${hint}` };
  });
}

/**
 * One readable message per issue; range issues state the value received and the field's whole allowed range, an
 * unknown key its nearest known one. `subject` names the whole input in those ("scenario", "eval-slot input").
 */
export function describeIssues(
  schema: z.core.$ZodType,
  issues: readonly (z.core.$ZodIssue & { input?: unknown })[],
  subject = 'the input',
): { path: string; message: string }[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return unknownKeyIssues(schema, issue, subject);
    const path = issue.path.map(String).join('.');
    const range = rangeText(schema, issue);
    if (range === undefined) return { path, message: issue.message === DEFAULT_RANGE_MESSAGE ? 'out of the allowed range' : withReceived(issue) };
    return { path, message: issue.message === DEFAULT_RANGE_MESSAGE ? range : `${issue.message}; ${range}` };
  });
}

/** safeParse parameters whose issues describeIssues words best (they keep the input and mark zod's default range wording). */
export const describableParseParams: z.core.ParseContext<z.core.$ZodIssue> = {
  reportInput: true,
  // Only consulted for issues without a message of their own; range issues are then worded by describeIssues.
  error: (iss) => {
    if ((iss.code === 'too_small' || iss.code === 'too_big') && isRangeOrigin(iss.origin)) return DEFAULT_RANGE_MESSAGE;
    if (iss.code === 'invalid_type' && iss.expected === 'int' && typeof iss.input === 'number') return `expected an integer, got ${formatNumber(iss.input)}`;
    if (iss.code === 'invalid_value') return `expected one of ${iss.values.map(showValue).join(' | ')}, got ${showValue(iss.input)}`;
    return undefined; // zod's wording
  },
};

/** Parses `data`; a failure is a ValidationError "invalid <what>" (`subject` names the input in unknown-key messages). */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, what: string, subject = what): z.output<S> {
  const result = schema.safeParse(data, describableParseParams);
  if (result.success) return result.data;
  throw new ValidationError(what, describeIssues(schema, result.error.issues, subject));
}

/** Like `schema.safeParse`, with the issues worded as `parseWith` words them (field path, value, allowed range). */
export function safeParseDescribed<S extends z.ZodType>(
  schema: S,
  data: unknown,
): { success: true; data: z.output<S> } | { success: false; issues: { path: string; message: string }[] } {
  const result = schema.safeParse(data, describableParseParams);
  return result.success ? { success: true, data: result.data } : { success: false, issues: describeIssues(schema, result.error.issues, 'params') };
}
