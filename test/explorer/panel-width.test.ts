import { describe, expect, it } from 'vitest';

import { clampWidth, maxWidth, PANEL_WIDTH, widthForKey } from '../../explorer/src/data/panel-width.js';

describe('explorer/panel-width', () => {
  it('keeps the panel between its minimum and 60 % of the window (at most 900 px)', () => {
    expect(maxWidth(1000)).toBe(600);
    expect(maxWidth(2000)).toBe(900);
    expect(maxWidth(300)).toBe(PANEL_WIDTH.min);
    expect(clampWidth(100, 1400)).toBe(PANEL_WIDTH.min);
    expect(clampWidth(5000, 1400)).toBe(840);
    expect(clampWidth(400.4, 1400)).toBe(400);
    expect(clampWidth(Number.NaN, 1400)).toBe(PANEL_WIDTH.initial);
  });

  it('widens with the left arrow and narrows with the right (the handle is the panel’s left edge)', () => {
    expect(widthForKey('ArrowLeft', 400, 1400)).toBe(420);
    expect(widthForKey('ArrowRight', 400, 1400)).toBe(380);
    expect(widthForKey('ArrowRight', 400, 1400, true)).toBe(300);
    expect(widthForKey('ArrowRight', 270, 1400)).toBe(PANEL_WIDTH.min);
    expect(widthForKey('Home', 400, 1400)).toBe(PANEL_WIDTH.min);
    expect(widthForKey('End', 400, 1400)).toBe(840);
    expect(widthForKey('a', 400, 1400)).toBeNull();
  });
});
