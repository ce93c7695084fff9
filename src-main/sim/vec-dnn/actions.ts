// Paper 1, eq. (54) + footnote 4: one discrete action index per agent encodes the cut phi and the edge node.
// Index a (0-based) in 0..(L+1)J-1: phi = floor(a / J) + 1 in 1..L+1, target = a mod J (0 = RSU, j >= 1 = SV j).
// The paper writes phi = floor(a / J) with a 1-based argmax; the +1 maps our 0-based a onto phi >= 1.

export interface CvDecision {
  /** phi: layers 1..phi-1 run locally, phi..L on the target; phi = L+1 runs everything locally. */
  phi: number;
  /** 0 = RSU, j >= 1 = SV j (1-based SV number); irrelevant when phi = L+1. */
  target: number;
}

/** (L+1) J actions for a model with L partition units and J = 1 + #SVs edge nodes. */
export function actionCount(units: number, edgeNodes: number): number {
  return (units + 1) * edgeNodes;
}

/** eq. (54): a -> (phi, target). */
export function decodeAction(a: number, edgeNodes: number): CvDecision {
  return { phi: Math.floor(a / edgeNodes) + 1, target: a % edgeNodes };
}

/** Inverse of decodeAction. */
export function encodeAction(d: CvDecision, edgeNodes: number): number {
  return (d.phi - 1) * edgeNodes + d.target;
}

/** Whether decision d offloads anything (phi <= L). */
export function offloads(d: CvDecision, units: number): boolean {
  return d.phi <= units;
}

/** "0-3, 5, 8-9": a compact list of the legal action indices for error messages. */
export function formatIndexSet(indices: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    parts.push(j === i ? `${indices[i]}` : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.length > 0 ? parts.join(', ') : '(none)';
}
