/**
 * Colours of the explorer. Communities take the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008), distinguishable with the common colour-vision deficiencies; black is kept out
 * of it for the removed nodes of a what-if. Beyond seven communities the colours repeat,
 * largest communities first, so the big ones never share a colour with each other.
 */

export const COMMUNITY_PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;

/** What-if colours: what is left connected, what fell away from it, what was removed. */
export const WHAT_IF_COLOURS = {
  largest: '#0072B2',
  cutOff: '#D55E00',
  removed: '#000000',
} as const;

/** Ties and dimmed nodes: light enough to sit behind the nodes, dark enough to be seen on white. */
export const TIE_COLOUR = '#c9c9c9';
export const DIMMED_COLOUR = '#e2e2e2';

/**
 * Community id → colour, by size (largest first; equal sizes by id, so the same run always
 * gets the same colours).
 */
export function communityColours(sizes: ReadonlyMap<string, number>): Map<string, string> {
  const ordered = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(ordered.map(([id], i) => [id, COMMUNITY_PALETTE[i % COMMUNITY_PALETTE.length]!]));
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`explorer/palette: not a #rrggbb colour: ${hex}`);
  const value = parseInt(match[1]!, 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

/** WCAG 2 contrast ratio of two colours (1–21; AA asks 4.5 for text, 3 for large text and graphics). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
