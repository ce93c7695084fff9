// The state of the shown screen in the address bar (#/<screen>?key=value...), so a view can be shared (over an
// SSH tunnel: the printed URL with this hash appended) or bookmarked: which runs are open, filters, grouping,
// metrics, sorting, compared runs, export settings, the experiment form. Written with history.replaceState as
// the state changes; read at start-up (over the state restored from the engine) and on hashchange.
import { watch } from 'vue';
import { viewIds, type ViewId } from '../../../src-shared/api/ui-state';
import { sweepAxes } from '../../../src-shared/api/experiments';
import { useExperimentsStore } from './experiments';
import { FIGURE_SIZES, useExportsStore, type FigureSizeId } from './exports';
import { useLayoutStore } from './layout';
import { useLiveStore } from './live';
import { useLiveViewStore } from './live-view';
import { useModelsStore } from './models';
import { useRunsStore } from './runs';

type Params = Record<string, string>;

const list = (s: string | undefined): string[] => (s ? s.split(',').filter((x) => x !== '') : []);
const num = (s: string | undefined): number | null => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : null);

/** The hash of the current state: the screen and the settings of that screen that differ from a fresh start. */
export function currentParams(): { view: ViewId; params: Params } {
  const layout = useLayoutStore();
  const view = layout.activeView;
  const p: Params = {};
  const set = (k: string, v: string | number | boolean | null | undefined, skip?: string | number | boolean) => {
    if (v === null || v === undefined || v === '' || v === skip) return;
    p[k] = String(v);
  };
  if (view === 'live') {
    const lv = useLiveViewStore();
    set('runs', layout.openRunIds.join(','));
    set('hide', lv.hidden.join(','));
    set('filter', lv.filterText);
    if (lv.groupBy !== null) p.group = lv.groupBy.join(',') || '-';
    set('m1', lv.metric.p1, 'completionTimeSumS');
    set('m2', lv.metric.p2, 'costMean');
    set('x', lv.metricX, 'episode');
    set('log', lv.logY ? 1 : null);
    set('compact', lv.compact ? null : 0);
    set('smooth', layout.smoothingWindow);
    set('cols', layout.chartColumns);
  } else if (view === 'runs') {
    const runs = useRunsStore();
    set('q', runs.filterText);
    set('status', runs.statusFilter, 'all');
    set('sort', runs.sortId, 'started');
    set('dir', runs.sortDir, 'desc');
    set('mcols', runs.metricColumns.join(',') || '-', 'reward');
    set('sel', runs.selected.join(','));
    set('cmp', runs.diff ? runs.diffRunIds.join(',') : '');
    set('cm', runs.compareMetric, 'reward');
  } else if (view === 'export') {
    const ex = useExportsStore();
    set('fig', ex.figureId);
    set('fmt', ex.format, 'svg');
    set('size', ex.sizeId, 'single');
    if (ex.sizeId === 'custom') {
      set('w', ex.customWidth);
      set('h', ex.customHeight);
    }
    set('dpi', ex.dpi, 192);
    set('fs', ex.fontScale);
    set('title', ex.showTitle ? null : 0);
    set('runs', ex.chosen === null ? null : ex.chosen.join(',') || '-');
  } else if (view === 'experiments') {
    const ex = useExperimentsStore();
    set('name', ex.name);
    set('episodes', ex.episodes);
    set('seeds', ex.seedsText);
    set('algos', ex.algorithms.filter((a) => ex.choices[a.name]?.checked).map((a) => a.name).join(','));
    for (const axis of sweepAxes) set(axis, ex.sweepText[axis]);
  } else if (view === 'models') {
    set('model', useModelsStore().selected);
  }
  return { view, params: p };
}

export function toHash(view: ViewId, params: Params): string {
  const q = new URLSearchParams(params).toString();
  return `#/${view}${q ? `?${q}` : ''}`;
}

export function parseHash(hash: string): { view: ViewId; params: Params } | null {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  if (!m || !(viewIds as readonly string[]).includes(m[1])) return null;
  return { view: m[1] as ViewId, params: Object.fromEntries(new URLSearchParams(m[2] ?? '')) };
}

/** Applies a parsed hash to the stores (unknown run ids are dropped; the rest of the state stays). */
export async function applyParams(view: ViewId, p: Params, knownRunIds: ReadonlySet<string>): Promise<void> {
  const layout = useLayoutStore();
  const runIds = (s: string | undefined) => list(s).filter((id) => knownRunIds.has(id));
  layout.setView(view);
  if (view === 'live') {
    const lv = useLiveViewStore();
    if (p.runs !== undefined) layout.setOpenRuns(runIds(p.runs));
    lv.hidden = runIds(p.hide);
    lv.filterText = p.filter ?? '';
    lv.groupBy = p.group === undefined ? null : p.group === '-' ? [] : list(p.group);
    lv.metric = { p1: p.m1 ?? 'completionTimeSumS', p2: p.m2 ?? 'costMean' };
    lv.metricX = p.x === 'wall' || p.x === 'slot' ? p.x : 'episode';
    lv.logY = p.log === '1';
    lv.compact = p.compact !== '0';
    if (num(p.smooth) !== null) layout.setSmoothing(num(p.smooth)!);
    if (num(p.cols) !== null) layout.setColumns(num(p.cols)!);
  } else if (view === 'runs') {
    const runs = useRunsStore();
    runs.filterText = p.q ?? '';
    runs.statusFilter = (['running', 'paused', 'completed', 'cancelled', 'failed'] as const).find((s) => s === p.status) ?? 'all';
    runs.sortId = p.sort ?? 'started';
    runs.sortDir = p.dir === 'asc' ? 'asc' : 'desc';
    runs.metricColumns = p.mcols === undefined ? ['reward'] : p.mcols === '-' ? [] : list(p.mcols);
    runs.compareMetric = p.cm ?? 'reward';
    const cmp = runIds(p.cmp);
    runs.select(cmp.length >= 2 ? cmp : runIds(p.sel));
    if (cmp.length >= 2) {
      const live = useLiveStore();
      await Promise.all(cmp.map((id) => live.ensureLoaded(id)));
      await runs.compare();
      if (p.sel !== undefined) runs.select(runIds(p.sel));
    }
  } else if (view === 'export') {
    const ex = useExportsStore();
    if (p.fig) ex.figureId = p.fig;
    ex.format = p.fmt === 'png' ? 'png' : 'svg';
    ex.sizeId = (FIGURE_SIZES.find((s) => s.id === p.size)?.id ?? 'single') as FigureSizeId;
    if (num(p.w) !== null) ex.customWidth = num(p.w)!;
    if (num(p.h) !== null) ex.customHeight = num(p.h)!;
    ex.dpi = num(p.dpi) ?? 192;
    ex.fontScale = num(p.fs);
    ex.showTitle = p.title !== '0';
    if (p.runs !== undefined) ex.chosen = p.runs === '-' ? [] : runIds(p.runs);
  } else if (view === 'experiments') {
    const ex = useExperimentsStore();
    if (p.name !== undefined) ex.name = p.name;
    if (num(p.episodes) !== null) ex.episodes = num(p.episodes)!;
    if (p.seeds !== undefined) ex.seedsText = p.seeds;
    if (p.algos !== undefined) {
      const on = new Set(list(p.algos));
      for (const a of ex.algorithms) if (ex.choices[a.name]) ex.choices[a.name].checked = on.has(a.name);
    }
    for (const axis of sweepAxes) if (p[axis] !== undefined) ex.sweepText[axis] = p[axis];
  } else if (view === 'models') {
    if (p.model) await useModelsStore().select(p.model).catch(() => {});
  }
}

/** Reads the hash once (at start-up, after the engine's state was restored), then keeps it up to date. */
export async function installUrlState(knownRunIds: () => ReadonlySet<string>): Promise<() => void> {
  // Stores driven without a page (tests in Node) have no address bar.
  if (typeof window === 'undefined' || typeof history === 'undefined') return () => {};
  const parsed = parseHash(location.hash);
  if (parsed) await applyParams(parsed.view, parsed.params, knownRunIds());
  let last = '';
  const stop = watch(
    () => {
      const { view, params } = currentParams();
      return toHash(view, params);
    },
    (hash) => {
      last = hash;
      if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
    },
    { immediate: true },
  );
  const onHash = () => {
    if (location.hash === last) return;
    const p = parseHash(location.hash);
    if (p) void applyParams(p.view, p.params, knownRunIds());
  };
  window.addEventListener('hashchange', onHash);
  return () => {
    stop();
    window.removeEventListener('hashchange', onHash);
  };
}
