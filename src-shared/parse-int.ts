// Whole-number flags (--episodes, --seed, --port, ...): decimal digits only, so '0x10', '1e3', ' 5', '' and
// '2.0' are refused instead of being read by Number() as 16, 1000, 5, 0 and 2.
import { UserError } from './errors';

export function parseDecimalInt(flag: string, raw: string, min: number, max: number): number {
  const value = raw.trim() === raw && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(`${flag}: got '${raw}'; allowed ${min}..${max} (a whole number in decimal digits)`);
  }
  return value;
}

/** A commander argument parser for `flag`. */
export const decimalIntOption = (flag: string, min: number, max: number) => (raw: string) => parseDecimalInt(flag, raw, min, max);
