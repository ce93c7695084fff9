import { describe, expect, it } from 'vitest';
import type { LineSeriesOption, BarSeriesOption } from 'echarts';
import { buildFigure, figureCatalog, figureIds, figuresOfExperiment } from '../../src-shared/charts/catalog';
import { barCentreOffset } from '../../src-shared/charts/sweep-chart';
import { run } from './fixtures';

type AnySeries = Omit<LineSeriesOption | BarSeriesOption, 'type' | 'data'> & { type: string; name?: string; data?: unknown[]; stack?: string };
const seriesOf = (option: unknown) => (option as { series: AnySeries[] }).series;
/** (x, y) of a mean line, whose points also carry std and seeds for the live tooltips. */
const xy = (data: unknown[] | undefined) => (data as number[][]).map((p) => p.slice(0, 2));

describe('figure catalogue', () => {
  it('lists every figure of both papers with titles and axes', () => {
    for (const id of ['p1-fig1', 'p1-fig6a', 'p1-fig6b', 'p1-fig7a', 'p1-fig7b', 'p1-fig7c', 'p1-fig8a', 'p1-fig8b', 'p1-fig9a', 'p1-fig9b',
      'p2-fig4', 'p2-table3', 'p2-fig5a', 'p2-fig5b', 'p2-fig6a', 'p2-fig6b', 'p2-fig6c', 'p2-fig7a', 'p2-fig7b']) {
      expect(figureIds).toContain(id);
      expect(figureCatalog[id].title.length).toBeGreaterThan(5);
      expect(figureCatalog[id].x.name.length).toBeGreaterThan(0);
    }
    expect(figuresOfExperiment('p1-queues').map((f) => f.id)).toEqual(['p1-fig7a', 'p1-fig7b', 'p1-fig7c']);
  });
  it('keeps settings out of the catalogue titles (the built figure says what it shows)', () => {
    for (const f of Object.values(figureCatalog)) {
      expect(f.title).not.toMatch(/\d+ (CVs|SVs|RSUs)|V = |VGG16|AlexNet|ResNet18/);
    }
    expect(figureCatalog['p1-fig6b'].title).toBe('Episodic reward of each algorithm (convergence)');
  });
  it('rejects unknown ids and bad options with the allowed values', () => {
    expect(() => buildFigure('p1-fig99', { runs: [] })).toThrow(/unknown figure 'p1-fig99'; known figures: p1-fig1/);
    expect(() => buildFigure('p1-fig6b', { runs: [] }, { window: 0 })).toThrow(/window must be an integer in 1..100000/);
    expect(() => buildFigure('p1-fig8a', { runs: [] }, { lastN: 1.5 })).toThrow(/lastN/);
  });
});

describe('p1 Fig. 6b: reward curves with mean +/- std bands', () => {
  // Two seeds per algorithm; rewards chosen so the smoothed values are easy to compute by hand.
  const runs = [
    run('mad2rl', 1, {}, [{ reward: 0 }, { reward: 2 }, { reward: 4 }]),
    run('mad2rl', 2, {}, [{ reward: 2 }, { reward: 4 }, { reward: 6 }]),
    run('pqmix', 1, {}, [{ reward: -5 }, { reward: -5 }, { reward: -5 }]),
  ];
  const result = buildFigure('p1-fig6b', { runs }, { window: 2 });
  const series = seriesOf(result.option);

  it('has a mean line per algorithm plus two band series where seeds differ', () => {
    // MAD2RL: line + lower + (upper - lower); P-QMIX has one seed: line only.
    expect(series.map((s) => s.name)).toEqual(['MAD2RL', 'MAD2RL', 'MAD2RL', 'P-QMIX']);
    expect(series.filter((s) => s.stack !== undefined)).toHaveLength(2);
    expect((result.option as { animation: boolean }).animation).toBe(false);
    expect((result.option as { legend: { data: string[] } }).legend.data).toEqual(['MAD2RL', 'P-QMIX']);
    // The tight episode axis ends at the last episode: its label is hidden where it would touch a nice tick.
    expect((result.option as { xAxis: { min: string; max: string; axisLabel: { hideOverlap: boolean } } }).xAxis).toMatchObject({
      min: 'dataMin',
      max: 'dataMax',
      axisLabel: { hideOverlap: true },
    });
  });

  it('smooths per seed, then takes mean and std across seeds', () => {
    // seed 1 smoothed (window 2): 0, 1, 3; seed 2: 2, 3, 5 -> mean 1, 2, 4; sample std sqrt(2) at every episode
    expect(xy(series[0].data)).toEqual([[1, 1], [2, 2], [3, 4]]);
    // The mean line's points carry std and the seed count (tooltips).
    expect((series[0].data as number[][]).map((p) => [p[2], p[3]])).toEqual([1, 2, 3].map(() => [expect.closeTo(Math.SQRT2, 12), 2]));
    const lower = series[1].data as number[][];
    const width = series[2].data as number[][];
    expect(lower.map((p) => p[1])).toEqual([1 - Math.SQRT2, 2 - Math.SQRT2, 4 - Math.SQRT2].map((v) => expect.closeTo(v, 12)));
    expect(width.map((p) => p[1])).toEqual([1, 2, 3].map(() => expect.closeTo(2 * Math.SQRT2, 12)));
    expect(xy(series[3].data)).toEqual([[1, -5], [2, -5], [3, -5]]);
  });

  it('exports the same numbers as a table', () => {
    const t = result.tables[0];
    expect(t.columns.map((c) => c.name)).toEqual(['Episode', 'MAD2RL mean', 'MAD2RL std', 'MAD2RL seeds', 'P-QMIX mean', 'P-QMIX std', 'P-QMIX seeds']);
    expect(t.rows[2][0]).toBe(3);
    expect(t.rows[2][1]).toBe(4);
    expect(t.rows[2][2]).toBeCloseTo(Math.SQRT2, 12);
    expect(t.rows[2][3]).toBe(2);
  });

  it('leaves the bands out when spread is off', () => {
    expect(seriesOf(buildFigure('p1-fig6b', { runs }, { spread: false }).option)).toHaveLength(2);
  });
});

describe('figure titles describe the runs drawn', () => {
  const titleOf = (option: unknown) => (option as { title?: { text: string } }).title?.text;
  const setting = { cvCount: 5, svCount: 3, lyapunovV: 10 };

  it('names the algorithm and the shared setting of a greedy run, after the paper figure it follows', () => {
    const r = buildFigure('p1-fig6b', { runs: [run('greedy', 1, setting, [{ reward: 1 }])] });
    expect(r.title).toBe('Fig. 6b-style: Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)');
    expect(titleOf(r.option)).toBe(r.title);
  });
  it('lists several algorithms in paper order and leaves out settings the runs disagree on', () => {
    const runs = [
      run('pqmix', 1, { cvCount: 5, svCount: 5, lyapunovV: 10 }, [{ reward: 1 }]),
      run('mad2rl', 1, { cvCount: 7, svCount: 5, lyapunovV: 10 }, [{ reward: 1 }]),
      run('random', 1, { cvCount: 7, svCount: 5, lyapunovV: 10 }, [{ reward: 1 }]),
    ];
    expect(buildFigure('p1-fig6b', { runs }).title).toBe('Fig. 6b-style: Episodic reward of MAD2RL, P-QMIX and Random (5 SVs, V = 10)');
    expect(buildFigure('p1-fig6b', { runs: [run('mad2rl', 1, {}, [{ reward: 1 }]), run('mad2rl', 2, { cvCount: 1 }, [{ reward: 1 }])] }).title).toBe(
      'Fig. 6b-style: Episodic reward of MAD2RL',
    );
    expect(buildFigure('p1-fig6b', { runs: [run('mad2rl', 1, { cvCount: 1, svCount: 1 }, [{ reward: 1 }])] }).title).toBe('Fig. 6b-style: Episodic reward of MAD2RL (1 CV, 1 SV)');
    expect(buildFigure('p1-fig6b', { runs: [] }).title).toBe('Fig. 6b-style: Episodic reward');
  });
  it('keeps the title out of the option when asked, not out of the result', () => {
    const r = buildFigure('p1-fig6b', { runs: [run('greedy', 1, setting, [{ reward: 1 }])] }, { showTitle: false });
    expect(titleOf(r.option)).toBeUndefined();
    expect(r.title).toBe('Fig. 6b-style: Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)');
  });
  it('names the algorithm whose queues are drawn and the swept parameter is not a setting', () => {
    const runs = [run('greedy', 1, setting, [{ queueCvGops: [1, 2], completionTimeSumS: 3 }]), run('greedy', 1, { ...setting, cvCount: 7 }, [{ completionTimeSumS: 4 }])];
    expect(buildFigure('p1-fig7a', { runs: runs.slice(0, 1) }).title).toBe('Fig. 7a-style: Task queue length of different CVs under Greedy algorithm (5 CVs, 3 SVs, V = 10)');
    expect(buildFigure('p1-fig8a', { runs }).title).toBe('Fig. 8a-style: Overall task completion time of Greedy algorithm versus the number of CVs (3 SVs, V = 10)');
    expect(buildFigure('p1-fig8a', { runs }, { completionTime: 'mean' }).title).toBe(
      'Fig. 8a-style: Mean task completion time per CV of Greedy algorithm versus the number of CVs (3 SVs, V = 10)',
    );
    const vRuns = [run('mad2rl', 1, { ...setting, lyapunovV: 1 }, [{ completionTimeSumS: 1 }]), run('mad2rl', 1, setting, [{ completionTimeSumS: 1 }])];
    expect(buildFigure('p1-fig9b', { runs: vRuns }).title).toBe('Fig. 9b-style: Overall task completion time of MAD2RL versus V (5 CVs, 3 SVs)');
    expect(buildFigure('p1-fig9a', { runs: vRuns }).title).toBe('Fig. 9a-style: Average task queue backlog of MAD2RL versus V (5 CVs, 3 SVs)');
  });
  it('paper 2 titles follow the same rule', () => {
    const p2 = (algo: string, params: Record<string, number>) => run(algo, 1, params, [{ reward: 1, costMean: 1 }], 'isac-dt');
    const runs = [p2('ly-mappo', { cvCount: 5, lyapunovV: 5 }), p2('ly-dtmppo', { cvCount: 5, lyapunovV: 5 })];
    expect(buildFigure('p2-fig4', { runs }).title).toBe('Fig. 4-style: Average reward of Ly-DTMPPO and Ly-MAPPO (5 CVs, V = 5)');
    expect(buildFigure('p2-table3', { runs }).title).toBe('Table III-style: Convergence stability and speed of Ly-DTMPPO and Ly-MAPPO (5 CVs, V = 5)');
    expect(buildFigure('p2-fig7a', { runs: [p2('ly-dtmppo', { cvCount: 5, lyapunovV: 5 }), p2('ly-dtmppo', { cvCount: 5, lyapunovV: 50 })] }).title).toBe(
      'Fig. 7a-style: System average cost of Ly-DTMPPO under different V (5 CVs)',
    );
    expect(buildFigure('p2-fig6a', { runs: [p2('ly-mappo', { cvCount: 2, lyapunovV: 5 }), p2('ly-mappo', { cvCount: 6, lyapunovV: 5 })] }).title).toBe(
      'Fig. 6a-style: System average cost of Ly-MAPPO versus the number of CVs (V = 5)',
    );
  });
});

describe('p1 Fig. 6a and Fig. 7: grouping by denoising steps and per-entry queues', () => {
  it('groups MAD2RL runs by M in increasing order and leaves other algorithms out with a warning', () => {
    const runs = [
      run('mad2rl', 1, { denoisingSteps: 9 }, [{ reward: 1 }]),
      run('mad2rl', 1, { denoisingSteps: 3 }, [{ reward: 2 }]),
      run('pqmix', 1, {}, [{ reward: 3 }]),
    ];
    const r = buildFigure('p1-fig6a', { runs });
    expect(seriesOf(r.option).map((s) => s.name)).toEqual(['M = 3', 'M = 9']);
    expect(r.warnings.join()).toMatch(/P-QMIX left out/);
  });
  it('draws one curve per CV from the array metric, averaged across seeds', () => {
    const runs = [
      run('mad2rl', 1, {}, [{ queueCvGops: [1, 10] }, { queueCvGops: [3, 20] }]),
      run('mad2rl', 2, {}, [{ queueCvGops: [3, 30] }, { queueCvGops: [5, 40] }]),
    ];
    const r = buildFigure('p1-fig7a', { runs }, { spread: false });
    const s = seriesOf(r.option);
    expect(s.map((x) => x.name)).toEqual(['CV 1', 'CV 2']);
    expect(xy(s[0].data)).toEqual([[1, 2], [2, 4]]);
    expect(xy(s[1].data)).toEqual([[1, 20], [2, 30]]);
  });
  it('names DNN queues after the models when the run knows them', () => {
    const r1 = { ...run('mad2rl', 1, {}, [{ queueDnnGops: [1, 2] }]), dnnModelNames: ['AlexNet', 'VGG16'] };
    expect(seriesOf(buildFigure('p1-fig7b', { runs: [r1] }).option).map((s) => s.name)).toEqual(['AlexNet', 'VGG16']);
  });
});

describe('p1 Fig. 8a: completion time against #CVs per algorithm', () => {
  // Completion time per episode; last-2 mean per run: greedy cv3 seeds -> 3, 5; mad2rl cv3 -> 1; mad2rl cv5 -> 2
  const runs = [
    run('greedy', 1, { cvCount: 3 }, [{ completionTimeSumS: 100 }, { completionTimeSumS: 2 }, { completionTimeSumS: 4 }]),
    run('greedy', 2, { cvCount: 3 }, [{ completionTimeSumS: 100 }, { completionTimeSumS: 4 }, { completionTimeSumS: 6 }]),
    run('mad2rl', 1, { cvCount: 3 }, [{ completionTimeSumS: 1 }, { completionTimeSumS: 1 }]),
    run('mad2rl', 1, { cvCount: 5 }, [{ completionTimeSumS: 2, completionTimeMeanS: 0.4 }]),
    run('mad2rl', 1, {}, [{ completionTimeSumS: 9 }]),
  ];
  const r = buildFigure('p1-fig8a', { runs }, { lastN: 2 });

  it('puts the swept values on a category axis and one bar series per algorithm in paper order', () => {
    expect((r.option as { xAxis: { data: string[] } }).xAxis.data).toEqual(['3', '5']);
    const bars = seriesOf(r.option).filter((s) => s.type === 'bar');
    expect(bars.map((s) => s.name)).toEqual(['MAD2RL', 'Greedy algorithm']);
    expect(bars[0].data).toEqual([1, 2]);
    expect(bars[1].data).toEqual([4, null]);
    expect(r.warnings.join()).toMatch(/1 run\(s\) without cvCount left out/);
  });

  it('adds error bars (mean +/- sample std) where two or more seeds exist', () => {
    const custom = seriesOf(r.option).filter((s) => s.type === 'custom');
    expect(custom).toHaveLength(1);
    // greedy at cv 3: tail means 3 and 5 -> mean 4, sample std sqrt(2)
    expect(custom[0].data).toEqual([[0, 4 - Math.SQRT2, 4 + Math.SQRT2]]);
    const t = r.tables[0];
    expect(t.rows[0]).toEqual([3, 1, 0, 1, 4, expect.closeTo(Math.SQRT2, 12), 2]);
  });

  it('can show the mean completion time per CV and lines instead of bars', () => {
    const m = buildFigure('p1-fig8a', { runs }, { completionTime: 'mean', mode: 'line' });
    const lines = seriesOf(m.option).filter((s) => s.type === 'line');
    expect(lines.map((s) => s.name)).toEqual(['MAD2RL']);
    expect(lines[0].data).toEqual([null, 0.4]);
  });

  it('places bar i of n at the centre ECharts gives it (category gap 30%, bar gap 15%)', () => {
    // 2 bars: usable 0.7, width 0.7 / 2.15; first centre = -0.35 + width / 2
    const w = 0.7 / 2.15;
    expect(barCentreOffset(0, 2)).toBeCloseTo(-0.35 + w / 2, 12);
    expect(barCentreOffset(1, 2)).toBeCloseTo(-0.35 + w * 1.15 + w / 2, 12);
    expect(barCentreOffset(0, 1)).toBeCloseTo(0, 12);
  });
});

describe('p1 Fig. 9a: backlog of each queue kind against V', () => {
  it('averages each queue array over its entries, then over the last episodes', () => {
    const runs = [
      run('mad2rl', 1, { lyapunovV: 10 }, [{ queueCvGops: [1, 3], queueDnnGops: [4], queueSvGops: [0, 0, 6] }]),
      run('mad2rl', 1, { lyapunovV: 1 }, [{ queueCvGops: [0, 0], queueDnnGops: [1], queueSvGops: [3, 3, 3] }]),
    ];
    const r = buildFigure('p1-fig9a', { runs });
    const bars = seriesOf(r.option).filter((s) => s.type === 'bar');
    expect(bars.map((s) => s.name)).toEqual(['CV queues', 'RSU queues (per DNN type)', 'SV queues']);
    expect(bars.map((s) => s.data)).toEqual([[0, 2], [1, 4], [3, 2]]);
  });
});

describe('paper 2 figures', () => {
  const p2 = (algo: string, seed: number, rewards: number[], extra: Record<string, number | number[]> = {}) =>
    run(algo, seed, {}, rewards.map((r) => ({ reward: r * 30, ...extra })), 'isac-dt');

  it('Fig. 4 plots the average reward per slot (episodic sum / T)', () => {
    const r = buildFigure('p2-fig4', { runs: [p2('ly-mappo', 1, [1, 3]), p2('ly-dtmppo', 1, [-1, -2])] }, { window: 1 });
    const s = seriesOf(r.option);
    expect(s.map((x) => x.name)).toEqual(['Ly-DTMPPO', 'Ly-MAPPO']);
    expect(xy(s[0].data)).toEqual([[1, -1], [2, -2]]);
  });

  it('Table III has steady reward, CV and convergence episode per algorithm', () => {
    const y = [-10, -9, -8, -7, -6, -5, -4, -3, -2, -1, -3, -1, -3, -1, -3, -1, -3, -1, -3];
    const r = buildFigure('p2-table3', { runs: [p2('ly-dtmppo', 1, y), p2('ly-dtmppo', 2, y)] }, { lastN: 10, window: 1 });
    expect(r.option).toBeNull();
    const row = r.tables[0].rows[0];
    expect(row[0]).toBe('Ly-DTMPPO');
    expect(row[1]).toBeCloseTo(-2, 12);
    expect(row[2]).toBe(0);
    expect(row[3]).toBeCloseTo(Math.sqrt(10 / 9) / 2, 12);
    expect(row[5]).toBe(9);
    expect(row[7]).toBe(2);
    expect(row[8]).toBeNull(); // these runs record no gradientSteps
  });

  it('Fig. 5a shows raw and smoothed per-CV queues; Fig. 5b the mean over CVs per algorithm', () => {
    const runs = [run('ly-dtmppo', 1, {}, [{ localQueue: [2, 4] }, { localQueue: [4, 8] }], 'isac-dt')];
    const a = seriesOf(buildFigure('p2-fig5a', { runs }, { window: 2 }).option);
    expect(a.map((s) => s.name)).toEqual(['CV 1', 'CV 1', 'CV 2', 'CV 2']);
    expect(xy(a[0].data)).toEqual([[1, 2], [2, 3]]); // smoothed
    expect(a[1].data).toEqual([[1, 2], [2, 4]]); // raw
    const b = seriesOf(buildFigure('p2-fig5b', { runs }, { window: 1 }).option);
    expect(xy(b[0].data)).toEqual([[1, 3], [2, 6]]);
  });

  it('Fig. 6a-c and 7b use costMean, delayMeanS, energyMeanJ against the swept parameter', () => {
    const runs = [
      run('ly-dtmppo', 1, { cvCount: 2, lyapunovV: 5 }, [{ costMean: 0.4, delayMeanS: 0.2, energyMeanJ: 1.5 }], 'isac-dt'),
      run('ly-dtmppo', 1, { cvCount: 6, lyapunovV: 50 }, [{ costMean: 0.8, delayMeanS: 0.5, energyMeanJ: 1.1 }], 'isac-dt'),
    ];
    const bars = (id: string) => seriesOf(buildFigure(id, { runs }).option).filter((s) => s.type === 'bar')[0].data;
    expect(bars('p2-fig6a')).toEqual([0.4, 0.8]);
    expect(bars('p2-fig6b')).toEqual([0.2, 0.5]);
    expect(bars('p2-fig6c')).toEqual([1.5, 1.1]);
    expect(bars('p2-fig7b')).toEqual([0.4, 0.8]);
    expect((buildFigure('p2-fig6c', { runs }).option as { yAxis: { name: string }[] }).yAxis[0].name).toBe('Average energy consumption (J)');
    const fig7a = seriesOf(buildFigure('p2-fig7a', { runs }).option);
    expect(fig7a.map((s) => s.name)).toEqual(['V = 5', 'V = 50']);
  });
});

describe('sweep figures: value axis scale', () => {
  // Fig. 6a with one diverged learner: 0.4 / 0.5 for Ly-MAPPO and 40 (100x) for Ly-MATD3 at 6 CVs.
  const runs = [
    run('ly-mappo', 1, { cvCount: 3, lyapunovV: 5 }, [{ costMean: 0.4 }], 'isac-dt'),
    run('ly-mappo', 1, { cvCount: 6, lyapunovV: 5 }, [{ costMean: 0.5 }], 'isac-dt'),
    run('ly-matd3', 1, { cvCount: 3, lyapunovV: 5 }, [{ costMean: 0.8 }], 'isac-dt'),
    run('ly-matd3', 1, { cvCount: 6, lyapunovV: 5 }, [{ costMean: 40 }], 'isac-dt'),
    run('ly-matd3', 2, { cvCount: 6, lyapunovV: 5 }, [{ costMean: 40.2 }], 'isac-dt'),
  ];
  const yAxis = (opts: Parameters<typeof buildFigure>[2]) => {
    const r = buildFigure('p2-fig6a', { runs }, opts);
    return { axis: (r.option as { yAxis: { type: string; name: string; min?: number }[] }).yAxis[0], warnings: r.warnings, series: seriesOf(r.option) };
  };
  it("'auto' switches to log10 when the means span 100x, with the axis floor at the power of ten below the smallest", () => {
    const { axis } = yAxis({});
    expect(axis.type).toBe('log');
    expect(axis.name).toBe('System average cost, log scale');
    expect(axis.min).toBe(0.1);
    expect((axis as { startValue?: number }).startValue).toBe(0.1); // bars grow from the floor
  });
  it("'linear' keeps a value axis from 0; 'auto' keeps it when the span is below 100x", () => {
    expect(yAxis({ yScale: 'linear' }).axis.type).toBe('value');
    const small = buildFigure('p2-fig6a', { runs: runs.slice(0, 3) }).option as { yAxis: { type: string }[] };
    expect(small.yAxis[0].type).toBe('value');
  });
  it('keeps whiskers above the floor and stops one that would reach 0 at the floor', () => {
    // Ly-MATD3 at 6 CVs: mean 40.1, std 0.1414 (2 seeds) -> whisker 39.96..40.24, above the floor.
    const bars = yAxis({ yScale: 'log' }).series.filter((s) => s.type === 'custom');
    const [k, lo, hi] = (bars[0].data as number[][])[0];
    expect(k).toBe(1);
    expect(lo).toBeCloseTo(40.1 - Math.SQRT2 / 10, 6);
    expect(hi).toBeCloseTo(40.1 + Math.SQRT2 / 10, 6);
    // Seeds 40 and 0.2: mean 20.1, std 28.14 -> the lower end (-8.04) stops at the floor 0.1.
    const spread = [...runs.slice(0, 4), run('ly-matd3', 2, { cvCount: 6, lyapunovV: 5 }, [{ costMean: 0.2 }], 'isac-dt')];
    const r = buildFigure('p2-fig6a', { runs: spread }, { yScale: 'log' });
    const [, lo2, hi2] = (seriesOf(r.option).filter((s) => s.type === 'custom')[0].data as number[][])[0];
    expect(lo2).toBe(0.1);
    expect(hi2).toBeCloseTo(20.1 + 39.8 / Math.SQRT2, 6);
  });
  it("draws a linear axis with a warning when 'log' is asked for values <= 0, and rejects unknown scales", () => {
    const zero = [run('ly-mappo', 1, { cvCount: 3, lyapunovV: 5 }, [{ costMean: 0 }], 'isac-dt'), runs[1]];
    const r = buildFigure('p2-fig6a', { runs: zero }, { yScale: 'log' });
    expect((r.option as { yAxis: { type: string }[] }).yAxis[0].type).toBe('value');
    expect(r.warnings.join()).toMatch(/log scale needs every plotted value > 0/);
    expect(() => buildFigure('p2-fig6a', { runs }, { yScale: 'ln' as 'log' })).toThrow(/yScale must be auto, linear or log, got ln/);
  });
});

describe('p1 Fig. 1: layer profile', () => {
  it('draws output size (MB) as bars and workload (G operations) as a line on a second axis', () => {
    const layers = [
      { index: 0, name: 'conv1', kind: 'conv' as const, unit: 'conv1', outputElements: 1e6, outputBytes: 4e6, workloadOps: 2e9 },
      { index: 1, name: 'fc1', kind: 'fc' as const, unit: 'fc1', outputElements: 10, outputBytes: 40, workloadOps: 5e5 },
    ];
    const r = buildFigure('p1-fig1', { runs: [], layerProfile: { modelName: 'Tiny', layers } });
    expect(r.title).toBe('Fig. 1-style: Layer-wise output data size and workload of Tiny');
    expect((r.option as { title: { text: string } }).title.text).toBe(r.title);
    const s = seriesOf(r.option);
    expect(s[0].data).toEqual([4, 0.00004]);
    expect(s[1].data).toEqual([2, 0.0005]);
    expect((r.option as { yAxis: { name: string }[] }).yAxis.map((a) => a.name)).toEqual(['Output data size (MB)', 'Workload (G operations)']);
    expect(r.tables[0].rows[1]).toEqual([1, 'fc1', 'fc', 'fc1', 10, 40, 5e5]);
    expect(buildFigure('p1-fig1', { runs: [] }).option).toBeNull();
  });
});
