// Engine side of a call: validate params, run the handler, validate the result, map errors to the wire shape.
import { z } from 'zod';
import { FieldError, UserError } from '../errors';
import { safeParseDescribed, ValidationError } from '../validation';
import type { ApiErrorData } from './common';
import { apiMethods, isApiMethod, type ApiHandlers, type ApiMethod } from './contract';
import type { CallOutcome } from './wire';

/** A run, job or file that does not exist. */
export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function toApiError(err: unknown): ApiErrorData {
  if (err instanceof ValidationError) return { code: 'validation', message: err.message, issues: err.issues };
  if (err instanceof z.ZodError) return { code: 'validation', message: 'invalid input', issues: zodIssues(err) };
  if (err instanceof NotFoundError) return { code: 'not-found', message: err.message, issues: [] };
  // One field refused after the schema (a DNN model, a trace file, the coverage): the form can mark that field.
  if (err instanceof FieldError) return { code: 'validation', message: err.message, issues: [{ path: err.field, message: err.detail }] };
  if (err instanceof UserError || err instanceof RangeError) return { code: 'user', message: err.message, issues: [] };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `internal error: ${message}`, issues: [] };
}

/** Deepest nesting of params any method takes is well below this (a scenario with custom models: ~6). */
export const MAX_PARAMS_DEPTH = 64;

/**
 * True when arrays/objects in `value` nest deeper than `limit`. Iterative: a body of 5000 nested brackets
 * parses fine but overflows the stack of any recursive walk (schema checks, JSON.stringify).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Runs one call against the handlers; never throws. `onInternal` sees bugs (for logging). */
export async function dispatchCall(
  handlers: ApiHandlers,
  methodName: unknown,
  rawParams: unknown,
  onInternal?: (err: unknown, method: string) => void,
): Promise<CallOutcome> {
  if (!isApiMethod(methodName)) {
    return { ok: false, error: { code: 'user', message: `unknown method '${String(methodName)}'`, issues: [] } };
  }
  const m: ApiMethod = methodName;
  const spec = apiMethods[m];
  if (nestsDeeperThan(rawParams, MAX_PARAMS_DEPTH)) {
    return { ok: false, error: { code: 'validation', message: `params of ${m} nest deeper than ${MAX_PARAMS_DEPTH} levels`, issues: [{ path: '(root)', message: `at most ${MAX_PARAMS_DEPTH} levels of arrays and objects` }] } };
  }
  const parsed = safeParseDescribed(spec.params, rawParams ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'validation', message: `invalid params of ${m}`, issues: parsed.issues } };
  }
  try {
    const handler = handlers[m] as (p: unknown) => unknown;
    const result = await handler(parsed.data);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      const err = new Error(`result of ${m} breaks the contract: ${zodIssues(checked.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      onInternal?.(err, m);
      return { ok: false, error: toApiError(err) };
    }
    return { ok: true, result: checked.data };
  } catch (err) {
    const error = toApiError(err);
    if (error.code === 'internal') onInternal?.(err, m);
    return { ok: false, error };
  }
}
