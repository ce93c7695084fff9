// The file formats a catalogue figure is written in (src-main/export/figure-files.ts); its own module so that the CLI's option
// help can list them without loading the chart renderers.
export type FigureFormat = 'svg' | 'png' | 'csv' | 'xlsx';
export const figureFormats: readonly FigureFormat[] = ['svg', 'png', 'csv', 'xlsx'];
