// Checkpoints of the heuristics that draw random numbers (genetic, random, random-continuous): their only state
// is the RNG, written to policy.json so a resumed run draws what the uninterrupted run would have drawn.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';
import { Random } from '../sim/random';
import { writeFileAtomic } from '../files/atomic-write';

export const POLICY_CHECKPOINT_FILE = 'policy.json';

const savedPolicySchema = z.strictObject({
  policy: z.string().min(1),
  formatVersion: z.literal(1),
  /** xoroshiro128+ state words (Random.getState). */
  rng: z.array(z.number().int()).min(1).max(16),
});

/** A seeded RNG that a controller can save and load; `current` is the stream in use (replaced by load). */
export class CheckpointedRng {
  current: Random;
  constructor(
    private readonly policy: string,
    seed: number,
  ) {
    this.current = Random.fromSeed(seed);
  }

  async save(dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, POLICY_CHECKPOINT_FILE);
    writeFileAtomic(file, JSON.stringify({ policy: this.policy, formatVersion: 1, rng: this.current.getState() }) + '\n');
  }

  /**
   * Restores the RNG. A checkpoint folder written before RNG states were saved has no policy.json: the seeded
   * stream is kept then (such a run resumes as it always did, not draw for draw).
   */
  async load(dir: string): Promise<void> {
    const file = path.join(dir, POLICY_CHECKPOINT_FILE);
    if (!fs.existsSync(file)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const saved = parseWith(savedPolicySchema, raw, file);
    if (saved.policy !== this.policy) throw new UserError(`${file}: checkpoint of policy '${saved.policy}', this run uses '${this.policy}'`);
    this.current = Random.fromState(saved.rng);
  }
}
