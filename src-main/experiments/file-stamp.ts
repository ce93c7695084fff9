// The time stamp that starts run-folder and export file names: ISO time with ':' and '.' made '-', no 'Z'
// (2026-01-31T12-34-56-789), so names sort by time and are valid on every file system.
export function fileStamp(date: Date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-').replace('Z', '');
}
