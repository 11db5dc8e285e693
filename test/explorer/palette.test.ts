import { describe, expect, it } from 'vitest';

import { COMMUNITY_PALETTE, communityColours, contrast, luminance, WHAT_IF_COLOURS } from '../../explorer/src/data/palette.js';

describe('explorer/palette', () => {
  it('is the Okabe–Ito palette without its black, which marks removed nodes', () => {
    expect(COMMUNITY_PALETTE).toEqual(['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7']);
    expect(COMMUNITY_PALETTE).not.toContain(WHAT_IF_COLOURS.removed);
  });

  it('gives the largest communities the first colours and repeats the palette beyond its size', () => {
    const sizes = new Map(Array.from({ length: 9 }, (_, i) => [`c${i}`, 100 - i] as [string, number]));
    const colours = communityColours(sizes);
    expect(colours.get('c0')).toBe(COMMUNITY_PALETTE[0]);
    expect(colours.get('c6')).toBe(COMMUNITY_PALETTE[6]);
    expect(colours.get('c7')).toBe(COMMUNITY_PALETTE[0]);
    expect(colours.get('c8')).toBe(COMMUNITY_PALETTE[1]);
  });

  it('orders communities of equal size by id, so a run always gets the same colours', () => {
    const colours = communityColours(
      new Map([
        ['b', 3],
        ['a', 3],
        ['c', 5],
      ]),
    );
    expect([...colours]).toEqual([
      ['c', COMMUNITY_PALETTE[0]],
      ['a', COMMUNITY_PALETTE[1]],
      ['b', COMMUNITY_PALETTE[2]],
    ]);
  });

  it('computes WCAG contrast ratios (black on white is 21, a colour on itself 1)', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
    expect(luminance('#000000')).toBe(0);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrast('#0072B2', '#0072B2')).toBe(1);
    // The page's text and buttons (styles.css) meet AA (4.5).
    expect(contrast('#1b1b1b', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrast('#555555', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrast('#ffffff', '#0b4f8a')).toBeGreaterThan(4.5);
    expect(() => luminance('blue')).toThrow('explorer/palette: not a #rrggbb colour: blue');
  });

  it('draws what-if parts in Okabe–Ito blue and vermillion (apart for every common colour-vision deficiency), removed ones in black', () => {
    expect([WHAT_IF_COLOURS.largest, WHAT_IF_COLOURS.cutOff]).toEqual(['#0072B2', '#D55E00']);
    expect(contrast(WHAT_IF_COLOURS.removed, '#ffffff')).toBeCloseTo(21, 10);
  });
});
