// The value half of a `--hyper key=value` pair (vecwb run, vecwb reproduce): JSON where it parses, else the string.
export function hyperValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // a plain string value
  }
}
