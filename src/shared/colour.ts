/**
 * Colours as GEXF readers take them: `#4e79a7` as `rgb(78,121,167)`, so graphology-gexf writes
 * r, g and b (GEXF 1.3's `hex` form stops networkx's reader). Shared by the service's GEXF export
 * and the explorer's.
 */
export function rgbOf(hex: string): string {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  return `rgb(${channel(1)},${channel(3)},${channel(5)})`;
}
