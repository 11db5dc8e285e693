/**
 * The side panel's width: kept between bounds that leave the graph room, and remembered for the
 * tab's session (sessionStorage, like the key: nothing of the analyst's outlives the tab).
 */

export const PANEL_WIDTH = { min: 260, max: 900, initial: 380, step: 20, storageKey: 'explorer.panelWidth' } as const;

/** The widest the panel may be in a window this wide: never more than 60 % of it. */
export function maxWidth(windowWidth: number): number {
  return Math.max(PANEL_WIDTH.min, Math.min(PANEL_WIDTH.max, Math.floor(windowWidth * 0.6)));
}

export function clampWidth(width: number, windowWidth: number): number {
  if (!Number.isFinite(width)) return PANEL_WIDTH.initial;
  return Math.round(Math.min(maxWidth(windowWidth), Math.max(PANEL_WIDTH.min, width)));
}

/** The width a key gives (the handle is the panel's left edge: left widens, right narrows); null for other keys. */
export function widthForKey(key: string, width: number, windowWidth: number, big = false): number | null {
  const step = PANEL_WIDTH.step * (big ? 5 : 1);
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampWidth(width + step, windowWidth);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampWidth(width - step, windowWidth);
    case 'Home':
      return PANEL_WIDTH.min;
    case 'End':
      return maxWidth(windowWidth);
    default:
      return null;
  }
}
