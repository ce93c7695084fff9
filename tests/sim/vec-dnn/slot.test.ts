import { describe, expect, it } from 'vitest';
import { decisionProblem, evaluateSlot } from '../../../src-main/sim/vec-dnn/slot';
import { handParams, handState } from './fixtures';

// Hand case (fixtures): CV 0 (Tiny, 2.5 GHz, Q = 1 Gop) cuts at phi = 2 -> RSU; CV 1 (Tiny, 4 GHz) phi = 1 -> RSU;
// CV 2 (Small, 0.8 GHz, Q = 2 Gops) phi = 2 -> SV 2. RSU queues [6, 0] Gops, F = 12 GHz, V = 10.
const decisions = [
  { phi: 2, target: 0 },
  { phi: 1, target: 0 },
  { phi: 2, target: 2 },
];

describe('paper 1 slot: hand-computed delays, queues, objective (eqs. 4-17, 8/10/14, 32, 46-51, 56)', () => {
  const o = evaluateSlot(handParams, handState(), decisions);

  it('computes rates, data and workloads per CV', () => {
    expect(o.cvs.map((c) => c.rateBps)).toEqual([2e6, 2e6, 1e6].map((r) => expect.closeTo(r, 6)));
    expect(o.cvs.map((c) => c.transmittedBytes)).toEqual([125_000, 250_000, 50_000]);
    expect(o.cvs.map((c) => c.localOps)).toEqual([2e9, 0, 1e9]);
    expect(o.cvs.map((c) => c.offloadedOps)).toEqual([4e9, 6e9, 2e9]);
  });

  it('splits the RSU CPU by KKT: one type with offloads gets all of F', () => {
    // Gamma_0 = 10 * (2 * 6 + 10 + 0.5 * 10) = 270 > 0, Gamma_1 = 0 and Q_1 = 0 -> f = [12, 0] GHz.
    expect(o.rsuCpuHz[0]).toBeCloseTo(12e9, 0);
    expect(o.rsuCpuHz[1]).toBe(0);
    expect(o.rsuSplitRegime).toBe('interior');
  });

  it('computes each delay component', () => {
    const [a, b, c] = o.cvs;
    // CV 0: dLoc = (1 + 2) / 2.5 (7); dTx = 1e6 bit / 2e6 (4); dProc = (6 + 4) / 12 (9); dWait = 6 / (2 * 12) (11).
    expect(a.dLocS).toBeCloseTo(1.2, 12);
    expect(a.dTxS).toBeCloseTo(0.5, 12);
    expect(a.dProcS).toBeCloseTo(10 / 12, 12);
    expect(a.dWaitS).toBeCloseTo(0.25, 12);
    expect(a.dS).toBeCloseTo(1.2 + 0.5 + 10 / 12 + 0.25, 12);
    // CV 1: phi = 1 -> no local part; dTx = 2e6 / 2e6; dProc = (6 + 6) / 12; dWait = 4 / 24.
    expect(b.dLocS).toBe(0);
    expect(b.dTxS).toBeCloseTo(1, 12);
    expect(b.dProcS).toBeCloseTo(1, 12);
    expect(b.dWaitS).toBeCloseTo(4 / 24, 12);
    // CV 2 on SV 2: dLoc = (2 + 1) / 0.8; dTx = 4e5 / 1e6 (5); dProc = (0 + 2) / 8 (13); alone on SV 2 -> dWait = 0 (15).
    expect(c.dLocS).toBeCloseTo(3.75, 12);
    expect(c.dTxS).toBeCloseTo(0.4, 12);
    expect(c.dProcS).toBeCloseTo(0.25, 12);
    expect(c.dWaitS).toBe(0);
    expect(c.dS).toBeCloseTo(4.4, 12);
  });

  it('updates the queues (eqs. 8, 10, 14)', () => {
    expect(o.arrivals).toEqual({ cvOps: [2e9, 0, 1e9], rsuOps: [10e9, 0], svOps: [0, 2e9] });
    // CV: 1 - 2.5 + 2, 0 - 4 + 0 -> 0, 2 - 0.8 + 1; RSU: 6 - 12 + 10, 0; SV: 1 - 5 -> 0, 0 - 8 + 2 -> 0.
    expect(o.queuesAfter.cvOps).toEqual([expect.closeTo(0.5e9, 3), 0, expect.closeTo(2.2e9, 3)]);
    expect(o.queuesAfter.rsuOps).toEqual([expect.closeTo(4e9, 3), 0]);
    expect(o.queuesAfter.svOps).toEqual([0, 0]);
    expect(o.queuesBefore).toEqual({ cvOps: [1e9, 0, 2e9], rsuOps: [6e9, 0], svOps: [1e9, 0] });
  });

  it('evaluates objective (32) in Gops units and reward (56) = -objective', () => {
    const penalty = 10 * (2.783333333333333 + 2.1666666666666665 + 4.4);
    expect(o.terms.penalty).toBeCloseTo(penalty, 10);
    expect(o.terms.localDrift).toBeCloseTo(1 * (2 - 2.5) + 0 + 2 * (1 - 0.8), 12);
    expect(o.terms.rsuDrift).toBeCloseTo(6 * (10 - 12) + 0, 9);
    expect(o.terms.svDrift).toBeCloseTo(1 * (0 - 5) + 0, 12);
    expect(o.objective).toBeCloseTo(93.5 - 0.5 + 0.4 - 12 - 5, 9);
    expect(o.reward).toBe(-o.objective);
  });

  it("rewardDrift 'exact': reward = -(V sum d + L(t+1) - L(t)) with L of eq. (28); objective (32) unchanged", () => {
    const x = evaluateSlot({ ...handParams, rewardDrift: 'exact' }, handState(), decisions);
    // L(t) = 1/2 (1 + 0 + 4 + 36 + 0 + 1 + 0) = 21; L(t+1) = 1/2 (0.25 + 0 + 4.84 + 16 + 0 + 0 + 0) = 10.545 (Gops^2)
    expect(x.objective).toBeCloseTo(o.objective, 12);
    expect(x.reward).toBeCloseTo(-(93.5 + (10.545 - 21)), 6);
  });

  it('counts V2V waiting across model types and gives an idle RSU to the largest queue', () => {
    // CV 0 (Tiny) phi = 3 -> SV 2 (3 Gops), CV 1 all local (phi = 4), CV 2 (Small) phi = 2 -> SV 2 (2 Gops).
    const x = evaluateSlot(handParams, handState(), [
      { phi: 3, target: 2 },
      { phi: 4, target: 1 },
      { phi: 2, target: 2 },
    ]);
    expect(x.cvs[0].dWaitS).toBeCloseTo(2 / 16, 12);
    expect(x.cvs[2].dWaitS).toBeCloseTo(3 / 16, 12);
    expect(x.cvs[0].dProcS).toBeCloseTo(3 / 8, 12);
    expect(x.cvs[0].dTxS).toBeCloseTo(4e6 / 3e6, 12); // D_3 = 4e6 bits, |u|^2 = 7 -> 3 Mbit/s
    // All local: dLoc = (0 + 6) / 4, nothing sent or offloaded, target irrelevant (SV 1 is out of range).
    expect(x.cvs[1]).toMatchObject({ offloads: false, dTxS: 0, dProcS: 0, dWaitS: 0, rateBps: 0, offloadedOps: 0 });
    expect(x.cvs[1].dLocS).toBeCloseTo(1.5, 12);
    // Nothing offloaded to the RSU: Psi is linear, all 12 GHz go to the Tiny queue (6 Gops).
    expect(x.rsuSplitRegime).toBe('linear');
    expect(x.rsuCpuHz).toEqual([12e9, 0]);
    expect(x.queuesAfter.rsuOps).toEqual([0, 0]);
    expect(x.terms.rsuDrift).toBeCloseTo(6 * (0 - 12), 9);
  });

  it('refuses illegal decisions, naming the CV and the limit', () => {
    const s = handState();
    expect(decisionProblem(handParams, s, 1, { phi: 2, target: 1 })).toMatch(/SV 1 is 200\.0 m away, beyond the V2V radius 150 m/);
    expect(decisionProblem(handParams, s, 1, { phi: 4, target: 1 })).toBeNull();
    expect(decisionProblem(handParams, s, 2, { phi: 4, target: 0 })).toMatch(/cut phi = 4 is outside 1\.\.3 \(L \+ 1 for Small\)/);
    expect(decisionProblem(handParams, s, 0, { phi: 0, target: 0 })).toMatch(/outside 1\.\.4/);
    expect(decisionProblem(handParams, s, 0, { phi: 1, target: 3 })).toMatch(/target 3 is outside 0\.\.2/);
    expect(() => evaluateSlot(handParams, s, [decisions[0], { phi: 2, target: 1 }, decisions[2]])).toThrow(/CV 1: SV 1 is 200\.0 m away/);
    expect(() => evaluateSlot(handParams, s, decisions.slice(0, 2))).toThrow(/2 decisions for 3 CVs/);
  });

  it('is a pure function: the input state is not modified', () => {
    const s = handState();
    evaluateSlot(handParams, s, decisions);
    expect(s).toEqual(handState());
  });
});
