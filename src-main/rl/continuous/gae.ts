// Generalised advantage estimation, eq. (46), over a rollout that may hold several episodes and end mid-episode.
// delta_t = r_t + gamma (1 - terminal_t) V(s_{t+1}) - V(s_t);
// A_t = delta_t + gamma lambda (1 - cut_t) A_{t+1}, where cut_t marks the last step of a trajectory piece
// (terminal, time limit or rollout end); returns R_t = A_t + V(s_t) (the critic target of eq. (49)).

export interface GaeInput {
  rewards: ArrayLike<number>;
  /** V(s_t). */
  values: ArrayLike<number>;
  /** V(s_{t+1}) (only read where terminal_t = 0). */
  nextValues: ArrayLike<number>;
  /** 1 when s_{t+1} is terminal: no bootstrap. */
  terminals: ArrayLike<number>;
  /** 1 when step t+1 does not continue the same trajectory (terminal, time limit, rollout end). */
  cuts: ArrayLike<number>;
  gamma: number;
  lambda: number;
}

export function computeGae(input: GaeInput): { advantages: Float64Array; returns: Float64Array } {
  const { rewards, values, nextValues, terminals, cuts, gamma, lambda } = input;
  const n = rewards.length;
  for (const [name, arr] of [['values', values], ['nextValues', nextValues], ['terminals', terminals], ['cuts', cuts]] as const) {
    if (arr.length !== n) throw new RangeError(`GAE: ${name} has length ${arr.length}, rewards ${n}`);
  }
  const advantages = new Float64Array(n);
  const returns = new Float64Array(n);
  let next = 0;
  for (let t = n - 1; t >= 0; t--) {
    const bootstrap = terminals[t] ? 0 : gamma * nextValues[t];
    const delta = rewards[t] + bootstrap - values[t]; // delta_t of eq. (46)
    const carry = cuts[t] || t === n - 1 ? 0 : gamma * lambda * next;
    advantages[t] = delta + carry; // eq. (46)
    returns[t] = advantages[t] + values[t]; // R_t = A_t + V(s_t), under eq. (49)
    next = advantages[t];
  }
  return { advantages, returns };
}
