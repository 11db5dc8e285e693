/**
 * Which node labels to draw, and where, so that no two overlap: a greedy placement in order of
 * importance (the selection, then the labels that must show — top targets, picked entities —
 * then the biggest nodes). A label that must show tries the four sides of its node, then the
 * same further out; one that need not show takes its usual place (right of the node) or none.
 * Boxes are in viewport pixels, top-left corner and size.
 */

export interface LabelCandidate {
  key: string;
  text: string;
  /** The node's centre and rendered radius, viewport pixels. */
  x: number;
  y: number;
  size: number;
  /** 0: the selection; 1: must show; 2: shown if there is room. */
  priority: 0 | 1 | 2;
}

export interface LabelBox {
  key: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const LABEL_DEFAULTS = {
  fontSize: 12,
  /** Space kept around each label. */
  margin: 2,
  /** How far out (in label heights) a must-show label looks for room. */
  reach: 4,
};

export function overlaps(a: Omit<LabelBox, 'key' | 'text'>, b: Omit<LabelBox, 'key' | 'text'>): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function placeLabels(
  candidates: readonly LabelCandidate[],
  measure: (text: string) => number,
  viewport: { width: number; height: number },
  options: Partial<typeof LABEL_DEFAULTS> = {},
): LabelBox[] {
  const { fontSize, margin, reach } = { ...LABEL_DEFAULTS, ...options };
  const ordered = [...candidates].sort((a, b) => a.priority - b.priority || b.size - a.size || (a.key < b.key ? -1 : 1));
  const placed: LabelBox[] = [];
  const fits = (box: LabelBox) =>
    box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height && placed.every((other) => !overlaps(grown(box, margin), other));
  for (const c of ordered) {
    if (c.text === '') continue;
    const width = measure(c.text);
    const height = fontSize;
    const gap = c.size + 3;
    const spots = [[c.x + gap, c.y - height / 2]];
    if (c.priority < 2) {
      for (let r = 0; r <= reach; r++) {
        const d = r * (height + margin);
        spots.push(
          [c.x + gap + d, c.y - height / 2],
          [c.x - gap - width - d, c.y - height / 2],
          [c.x - width / 2, c.y - gap - height - d],
          [c.x - width / 2, c.y + gap + d],
          [c.x + gap, c.y - height / 2 - d - height],
          [c.x + gap, c.y - height / 2 + d + height],
        );
      }
    }
    for (const [x, y] of spots) {
      const box = { key: c.key, text: c.text, x: x!, y: y!, width, height };
      if (fits(box)) {
        placed.push(box);
        break;
      }
    }
  }
  return placed;
}

const grown = (box: LabelBox, by: number): LabelBox => ({ ...box, x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by });
