// Guards the JSON a slot evaluation prints: a NaN or an infinity there would spread into whatever reads it. The
// input bounds keep results finite; should one still not be, the refusal names the INPUT it comes from (the
// caller maps an output path to it), never the evaluator's internal term.
import { FieldError } from '../../src-shared/errors';

/** Maps the path of an output value (['cvs', '0', 'dLoc']) to the input field it depends on ('state.cvs.0'). */
export type InputOfOutput = (outputPath: readonly string[]) => string;

function firstNonFinite(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = firstNonFinite(v, [...path, k]);
    if (found) return found;
  }
  return null;
}

/** Throws a FieldError on the input behind the first non-finite number of `value`. */
export function assertFinite(value: unknown, inputOf: InputOfOutput): void {
  const path = firstNonFinite(value, []);
  if (path === null) return;
  throw new FieldError(inputOf(path), 'these values give a result that is not finite; check them against the allowed ranges');
}
