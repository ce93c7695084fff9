// A plain table: the data behind a figure or one series of a run, written to XLSX sheets and CSV files.

export type Cell = number | string | null;

export interface TableColumn {
  /** Column header without unit, e.g. "episode" or "MAD2RL mean". */
  name: string;
  /** Unit printed in the header as "name (unit)"; omitted for dimensionless columns. */
  unit?: string;
}

export interface DataTable {
  /** Sheet / file name: letters, digits, space, "-", "_" and "." (sanitised by the writers). */
  name: string;
  columns: TableColumn[];
  rows: Cell[][];
}

export function columnHeader(c: TableColumn): string {
  return c.unit ? `${c.name} (${c.unit})` : c.name;
}

/** A NaN or infinite number becomes an empty cell: spreadsheets and CSV readers have no NaN. */
export function cleanCell(v: Cell): Cell {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
