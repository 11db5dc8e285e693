import { clampWidth, maxWidth, PANEL_WIDTH, widthForKey } from '../data/panel-width.js';

/**
 * The handle between the graph and the side panel: drag it, or focus it and use the arrow keys
 * (Shift for bigger steps, Home and End for the bounds), as a WAI-ARIA window splitter. The width
 * is the workspace's `--panel-width` and is kept in sessionStorage.
 */

export function initPanelResize(handle: HTMLElement, workspace: HTMLElement, changed: (width: number) => void): void {
  const stored = Number(sessionStorage.getItem(PANEL_WIDTH.storageKey) ?? PANEL_WIDTH.initial);
  let width = 0;
  const apply = (next: number) => {
    width = clampWidth(next, window.innerWidth);
    workspace.style.setProperty('--panel-width', `${width}px`);
    handle.setAttribute('aria-valuenow', String(width));
    handle.setAttribute('aria-valuemin', String(PANEL_WIDTH.min));
    handle.setAttribute('aria-valuemax', String(maxWidth(window.innerWidth)));
    sessionStorage.setItem(PANEL_WIDTH.storageKey, String(width));
    changed(width);
  };
  apply(stored);
  handle.addEventListener('keydown', (event) => {
    const next = widthForKey(event.key, width, window.innerWidth, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    apply(next);
  });
  handle.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    const right = workspace.getBoundingClientRect().right;
    const move = (e: PointerEvent) => apply(right - e.clientX - handle.offsetWidth / 2);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
  window.addEventListener('resize', () => apply(width));
}
