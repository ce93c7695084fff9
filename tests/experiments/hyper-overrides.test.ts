import { describe, expect, it } from 'vitest';
import { hyperOverrides } from '../../src-main/experiments/hyper-overrides';
import { paperExperiments, sweepDefinition, type PaperSweepExperiment } from '../../src-main/experiments/paper-experiments';
import { planReproduction } from '../../src-main/engine/reproduce';

const P2 = ['ly-dtmppo', 'ly-mappo', 'ly-maddpg', 'ly-matd3', 'ly-masac', 'fixed-ratio'];

describe('vecwb reproduce --hyper', () => {
  it('gives key=value to every algorithm that has the key and algo:key=value to one', () => {
    expect(hyperOverrides('isac-dt', P2, ['valueNorm=false'])).toEqual({ 'ly-dtmppo': { valueNorm: false }, 'ly-mappo': { valueNorm: false } });
    // tau: the three off-policy learners; the PPO pair and the constant policy have none
    expect(Object.keys(hyperOverrides('isac-dt', P2, ['tau=0.01']))).toEqual(['ly-maddpg', 'ly-matd3', 'ly-masac']);
    expect(hyperOverrides('isac-dt', P2, ['ly-masac:tau=0.02', 'ly-masac:actorLr=0.001', 'actionMap=tanh'])).toEqual({
      'ly-masac': { tau: 0.02, actorLr: 0.001 },
      'ly-dtmppo': { actionMap: 'tanh' },
      'ly-mappo': { actionMap: 'tanh' },
    });
    expect(hyperOverrides('vec-dnn', ['mad2rl', 'pqmix', 'genetic', 'greedy'], ['gamma=0'])).toEqual({ mad2rl: { gamma: 0 }, pqmix: { gamma: 0 } });
  });
  it('rejects unknown keys, algorithms the experiment does not run, bad values and malformed pairs in one line', () => {
    expect(() => hyperOverrides('isac-dt', P2, ['valueNrom=false'])).toThrow(/no algorithm of this experiment \(ly-dtmppo, .*fixed-ratio\) has a hyper-parameter 'valueNrom'/);
    expect(() => hyperOverrides('isac-dt', ['ly-dtmppo'], ['mad2rl:gamma=0'])).toThrow(/this experiment runs ly-dtmppo, not 'mad2rl'/);
    expect(() => hyperOverrides('isac-dt', P2, ['lr=-1'])).toThrow(/--hyper lr for ly-dtmppo: /);
    expect(() => hyperOverrides('isac-dt', P2, ['valueNorm'])).toThrow(/expects key=value or algo:key=value, got 'valueNorm'/);
    expect(() => hyperOverrides('isac-dt', P2, ['ly-mappo:=1'])).toThrow(/the key is empty/);
  });
  it('makes the scale custom and reaches every planned run of that algorithm', () => {
    const p2conv = paperExperiments.find((e): e is PaperSweepExperiment => e.id === 'p2-convergence' && e.kind === 'sweep')!;
    const def = sweepDefinition(p2conv, 'quick', { hyper: { 'ly-mappo': { valueNorm: false } } });
    expect(def.scale).toBe('custom');
    const mappo = def.experiment.algos.find((a) => a.algo === 'ly-mappo')!;
    const dtmppo = def.experiment.algos.find((a) => a.algo === 'ly-dtmppo')!;
    expect(mappo.hyper).toMatchObject({ valueNorm: false });
    expect(dtmppo.hyper ?? {}).not.toHaveProperty('valueNorm');
    const plan = planReproduction('p2-v', { scale: 'quick', hyper: ['valueNorm=false'], out: '/tmp/vecwb-hyper-plan-test' });
    expect(plan.scale).toBe('quick');
    expect(plan.sweep!.line).toMatch(/^p2-v at scale custom: 4 runs x 300 episodes/);
    expect(plan.sweep!.planned.every((r) => (r.request.hyper as Record<string, unknown>).valueNorm === false)).toBe(true);
    expect(() => planReproduction('p1-layer-profile', { hyper: ['gamma=0'] })).toThrow(/draws a model, it runs no algorithm/);
  });
});
