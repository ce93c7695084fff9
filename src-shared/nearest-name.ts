// The known name closest to a misspelt one ("slotz" -> "slots"), for messages that suggest a fix.
// No imports: the schemas' error wording and the CLI use it alike.

/** Levenshtein distance (insertions, deletions, substitutions; each costs 1), case-sensitive. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `name` (case-insensitive edit distance; ties: the earlier candidate), or undefined when
 * there are no candidates.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const folded = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(folded, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
