// Keyboard shortcuts for the main actions. Single keys act only when no text field has the focus (Escape and
// Ctrl/Cmd+Enter also inside one). Actions press the screen's own buttons, so a shortcut does exactly what the
// button does (and nothing when the button is disabled or absent).
import type { ViewId } from '../../src-shared/api/ui-state';

export interface Shortcut {
  keys: string;
  what: string;
  /** Screen the shortcut acts on; absent: everywhere. */
  view?: ViewId;
}

export const SCREEN_KEYS: readonly ViewId[] = ['home', 'models', 'vehicles', 'experiments', 'live', 'runs', 'export', 'reproduce'];

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '1 … 8', what: 'go to the screen of that number in the sidebar' },
  { keys: '/', what: 'focus the filter of the screen (Live results, Runs)' },
  { keys: '[', what: 'collapse or expand the sidebar' },
  { keys: '?', what: 'show or hide this list' },
  { keys: 'Esc', what: 'close this list; leave a text field' },
  { keys: 'Ctrl+Enter', what: 'start the experiment', view: 'experiments' },
  { keys: 'l', what: 'log-scale y on or off', view: 'live' },
  { keys: 'k', what: 'compact layout on or off', view: 'live' },
  { keys: 'a', what: 'show all hidden runs', view: 'live' },
  { keys: 'c', what: 'compare the selected runs', view: 'runs' },
  { keys: 'o', what: 'open the selected runs in the live view', view: 'runs' },
  { keys: 'e', what: 'download the figure', view: 'export' },
];

/** The button or field a key acts on, per screen (data-testid). */
const CLICKS: Partial<Record<ViewId, Record<string, string>>> = {
  live: { l: 'log-y', k: 'compact', a: 'show-all' },
  runs: { c: 'compare', o: 'open-selected' },
  export: { e: 'export-figure' },
};
const FILTERS: Partial<Record<ViewId, string>> = { live: 'run-filter', runs: 'runs-filter' };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'range'].includes((el as HTMLInputElement).type);
}

function press(testId: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el || (el as HTMLButtonElement).disabled) return false;
  el.click();
  return true;
}

export interface ShortcutHost {
  view(): ViewId;
  setView(v: ViewId): void;
  toggleSidebar(): void;
  toggleHelp(): void;
  closeHelp(): boolean;
}

/** The keydown handler; returns true when the key was a shortcut (the caller prevents the default). */
export function handleKey(e: KeyboardEvent, host: ShortcutHost): boolean {
  const view = host.view();
  if (e.key === 'Escape') {
    if (host.closeHelp()) return true;
    if (typing(e.target)) (e.target as HTMLElement).blur();
    return false;
  }
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return view === 'experiments' && press('start-experiment');
  if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (/^[1-8]$/.test(e.key)) {
    host.setView(SCREEN_KEYS[Number(e.key) - 1]);
    return true;
  }
  if (e.key === '?') {
    host.toggleHelp();
    return true;
  }
  if (e.key === '[') {
    host.toggleSidebar();
    return true;
  }
  if (e.key === '/') {
    const id = FILTERS[view];
    const el = id ? document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) : null;
    if (!el) return false;
    el.focus();
    el.select();
    return true;
  }
  const testId = CLICKS[view]?.[e.key];
  return testId ? press(testId) : false;
}
