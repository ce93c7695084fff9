// The experiment form's description of an algorithm's hyper-parameters, read from its zod schema (types,
// ranges, choices, defaults via zod's JSON Schema) and the help table (hyper-help.ts).
import { z } from 'zod';
import type { HyperField } from '../../src-shared/api/contract';
import { helpFor } from './hyper-help';

interface JsonProp {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonProp[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

function bounds(p: JsonProp): Pick<HyperField, 'min' | 'max' | 'minExclusive' | 'maxExclusive'> {
  const min = p.minimum ?? p.exclusiveMinimum ?? null;
  const max = p.maximum ?? p.exclusiveMaximum ?? null;
  return {
    min,
    max: max !== null && max >= SAFE_MAX ? null : max,
    minExclusive: p.minimum === undefined && p.exclusiveMinimum !== undefined,
    maxExclusive: p.maximum === undefined && p.exclusiveMaximum !== undefined,
  };
}

function fieldOf(key: string, p: JsonProp, required: boolean): Omit<HyperField, 'help' | 'unit'> {
  const base = { key, default: p.default, optional: !required && p.default === undefined, options: [] as string[] };
  if (Array.isArray(p.enum)) return { ...base, type: 'enum', options: p.enum.map(String), min: null, max: null, minExclusive: false, maxExclusive: false };
  if (p.anyOf) {
    const consts = p.anyOf.filter((a) => a.const !== undefined).map((a) => String(a.const));
    const numeric = p.anyOf.find((a) => a.type === 'integer' || a.type === 'number');
    return { ...base, type: 'choice', options: consts, ...(numeric ? bounds(numeric) : { min: null, max: null, minExclusive: false, maxExclusive: false }) };
  }
  const none = { min: null, max: null, minExclusive: false, maxExclusive: false };
  if (p.type === 'integer' || p.type === 'number') return { ...base, type: p.type, ...bounds(p) };
  if (p.type === 'boolean') return { ...base, type: 'boolean', ...none };
  if (p.type === 'array') return { ...base, type: 'list', ...none };
  return { ...base, type: 'string', ...none };
}

/** Fields of `schema` (an object schema, possibly refined) for `algo`, leaving out `skip` keys. */
export function hyperFieldsOf(algo: string, schema: z.ZodType | undefined, skip: ReadonlySet<string> = new Set()): HyperField[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProp>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {})
    .filter(([key]) => !skip.has(key))
    .map(([key, p]) => {
      const help = helpFor(algo, key);
      return { ...fieldOf(key, p, required.has(key)), help: help?.help ?? '', unit: help?.unit ?? '' };
    });
}
