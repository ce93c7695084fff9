// Paper 1, Fig. 1 view: per layer of a DNN the size of its output (what a cut after it transmits, eq. 3)
// and its workload (eq. 6). The paper measured runtime on a Jetson; the workbench shows the workload that
// its delay model divides by the CPU frequency.
import type { EChartsOption } from 'echarts';
import type { LayerProfile } from '../api/models';
import { cartesianFrame, resolveStyle, type FigureOptions } from './style';
import type { DataTable } from './table';

export const OUTPUT_UNIT = { label: 'Output data size', unit: 'MB', bytes: 1e6 } as const;
export const WORKLOAD_UNIT = { label: 'Workload', unit: 'G operations', ops: 1e9 } as const;

export function buildLayerProfileChart(
  modelName: string,
  layers: readonly LayerProfile[],
  opts: FigureOptions = {},
  title = `${modelName} layer-wise output data size and workload`,
): EChartsOption {
  const style = resolveStyle(opts);
  const outName = OUTPUT_UNIT.label;
  const workName = WORKLOAD_UNIT.label;
  const option = cartesianFrame(
    title,
    { name: 'Layer', type: 'category', categories: layers.map((l) => l.name) },
    [
      { name: OUTPUT_UNIT.label, unit: OUTPUT_UNIT.unit, type: 'value', fromZero: true },
      { name: WORKLOAD_UNIT.label, unit: WORKLOAD_UNIT.unit, type: 'value', fromZero: true },
    ],
    style,
    opts,
    [outName, workName],
  );
  const xAxis = option.xAxis as Record<string, unknown>;
  xAxis.axisLabel = { ...(xAxis.axisLabel as object), rotate: 60, fontSize: style.fontSize - 3, interval: 0 };
  xAxis.nameGap = 62;
  option.grid = { ...(option.grid as object), bottom: 96 };
  option.series = [
    {
      type: 'bar',
      name: outName,
      yAxisIndex: 0,
      data: layers.map((l) => l.outputBytes / OUTPUT_UNIT.bytes),
      itemStyle: { color: style.palette[0], borderColor: '#000000', borderWidth: 0.5 },
      barCategoryGap: '25%',
    },
    {
      type: 'line',
      name: workName,
      yAxisIndex: 1,
      data: layers.map((l) => l.workloadOps / WORKLOAD_UNIT.ops),
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: style.lineWidth, color: style.palette[1] },
      itemStyle: { color: style.palette[1] },
    },
  ];
  return option;
}

export function layerProfileTable(name: string, layers: readonly LayerProfile[]): DataTable {
  return {
    name,
    columns: [
      { name: 'row' },
      { name: 'layer' },
      { name: 'kind' },
      { name: 'partition unit' },
      { name: 'output elements' },
      { name: 'output size', unit: 'bytes' },
      { name: 'workload', unit: 'operations' },
    ],
    rows: layers.map((l) => [l.index, l.name, l.kind, l.unit, l.outputElements, l.outputBytes, l.workloadOps]),
  };
}
