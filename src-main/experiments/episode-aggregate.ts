// Folds the per-slot metrics of one episode into the episode record's values.
import type { SlotMetrics } from '../sim/env';

/** Keys summed over the slots of an episode (the episodic reward of Fig. 6); every other key is averaged. */
export const SUMMED_KEYS = new Set(['reward', 'objective', 'constraintViolations']);

export class EpisodeAggregate {
  private sums = new Map<string, number | number[]>();
  private slots = 0;

  add(values: SlotMetrics): void {
    this.slots++;
    for (const [key, value] of Object.entries(values)) {
      const prev = this.sums.get(key);
      if (typeof value === 'number') {
        this.sums.set(key, (typeof prev === 'number' ? prev : 0) + value);
      } else {
        const acc = Array.isArray(prev) && prev.length === value.length ? prev : new Array<number>(value.length).fill(0);
        for (let i = 0; i < value.length; i++) acc[i] += value[i];
        this.sums.set(key, acc);
      }
    }
  }

  get slotCount(): number {
    return this.slots;
  }

  /** Sums for SUMMED_KEYS, slot means for the rest (element-wise for arrays). */
  values(): Record<string, number | number[]> {
    const n = Math.max(1, this.slots);
    const out: Record<string, number | number[]> = {};
    for (const [key, sum] of this.sums) {
      const scale = SUMMED_KEYS.has(key) ? 1 : 1 / n;
      out[key] = typeof sum === 'number' ? sum * scale : sum.map((v) => v * scale);
    }
    return out;
  }
}
