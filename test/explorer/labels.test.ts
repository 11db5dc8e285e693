import { describe, expect, it } from 'vitest';

import { type LabelCandidate, overlaps, placeLabels } from '../../explorer/src/data/labels.js';

const measure = (text: string) => text.length * 7;
const VIEW = { width: 800, height: 600 };
const candidate = (key: string, x: number, y: number, priority: 0 | 1 | 2, size = 5): LabelCandidate => ({ key, text: key, x, y, size, priority });

const noneOverlap = (boxes: ReturnType<typeof placeLabels>) => {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.key} / ${boxes[j]!.key}`).toBe(false);
};

describe('explorer/labels', () => {
  it('tells overlapping boxes from touching and apart ones', () => {
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 30, width: 10, height: 10 })).toBe(false);
  });

  it('puts a label right of its node when there is room', () => {
    const [box] = placeLabels([candidate('Alpha', 100, 100, 2, 5)], measure, VIEW);
    expect(box).toEqual({ key: 'Alpha', text: 'Alpha', x: 108, y: 94, width: 35, height: 12 });
  });

  it('drops an optional label that would overlap, and moves one that must show', () => {
    const optional = placeLabels([candidate('Big', 100, 100, 2, 10), candidate('Near', 102, 102, 2, 4)], measure, VIEW);
    expect(optional.map((b) => b.key)).toEqual(['Big']);
    const targets = placeLabels([candidate('First', 100, 100, 1, 10), candidate('Second', 102, 102, 1, 4), candidate('Near', 103, 101, 2, 4)], measure, VIEW);
    expect(targets.map((b) => b.key).sort()).toEqual(['First', 'Second']);
    noneOverlap(targets);
  });

  it('gives the selection first place, then the must-show labels, then the biggest nodes', () => {
    const boxes = placeLabels([candidate('Other', 100, 100, 2, 12), candidate('Top', 100, 100, 1, 4), candidate('Chosen', 100, 100, 0, 4)], measure, VIEW);
    expect(boxes[0]!.key).toBe('Chosen');
    expect(boxes[0]!.x).toBe(107);
    expect(boxes.map((b) => b.key)).toContain('Top');
  });

  it('never draws two labels over each other in a crowd, nor outside the view, and shows every must-show label it can', () => {
    const crowd: LabelCandidate[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) crowd.push(candidate(`n${i}`, 50 + next() * 700, 50 + next() * 500, i < 15 ? 1 : 2, 3 + next() * 10));
    const boxes = placeLabels(crowd, measure, VIEW);
    noneOverlap(boxes);
    for (const b of boxes) expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEW.width && b.y + b.height <= VIEW.height).toBe(true);
    const shown = new Set(boxes.map((b) => b.key));
    for (let i = 0; i < 15; i++) expect(shown.has(`n${i}`)).toBe(true);
    expect(boxes.length).toBeGreaterThan(30);
  });

  it('skips empty labels (dimmed nodes)', () => {
    expect(placeLabels([{ ...candidate('x', 10, 10, 1), text: '' }], measure, VIEW)).toEqual([]);
  });
});
