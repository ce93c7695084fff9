// Guards the JSON a slot evaluation prints: a NaN or an infinity there would spread into whatever reads it, so
// the first non-finite number is reported with its path in the output instead.
import { UserError } from '../../src-shared/errors';

export function assertFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UserError(`eval-slot: ${path} is not finite (${value}); check the inputs it depends on`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFinite(v, `${path}.${i}`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFinite(v, path ? `${path}.${k}` : k);
  }
}
