import type Sigma from 'sigma';

import type { ExplorerEdge, ExplorerNode } from '../data/explorer-graph.js';
import { LABEL_DEFAULTS, type LabelBox, type LabelCandidate, placeLabels } from '../data/labels.js';

/**
 * Node labels drawn by the page rather than by sigma: after each frame, the labels are placed
 * so that none overlaps another (data/labels.ts) and drawn on sigma's label layer, with a white
 * halo so they read over ties. The selection and the labels sigma is told to force (top
 * targets, picked entities) always get a place; others show where there is room and their
 * node is drawn big enough. `onPlaced` hears the boxes drawn (for window.__explorer).
 */

const FONT = `${LABEL_DEFAULTS.fontSize}px system-ui, Arial, sans-serif`;
/** A node drawn smaller than this (pixels) gets a label only if it must show one. */
const LABEL_SIZE_THRESHOLD = 9;

export function drawLabels(renderer: Sigma<ExplorerNode, ExplorerEdge>, onPlaced: (boxes: LabelBox[]) => void): () => void {
  const canvas = renderer.getCanvases().labels!;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    const graph = renderer.getGraph();
    const candidates: LabelCandidate[] = [];
    graph.forEachNode((key) => {
      const data = renderer.getNodeDisplayData(key);
      if (!data || data.hidden || !data.label) return;
      const size = renderer.scaleSize(data.size);
      const priority = data.highlighted ? 0 : data.forceLabel ? 1 : 2;
      if (priority === 2 && size < LABEL_SIZE_THRESHOLD) return;
      const { x, y } = renderer.framedGraphToViewport(data);
      candidates.push({ key, text: data.label, x, y, size, priority });
    });
    context.font = FONT;
    const { width, height } = renderer.getDimensions();
    const boxes = placeLabels(candidates, (text) => context.measureText(text).width, { width, height });
    context.textBaseline = 'top';
    context.lineJoin = 'round';
    for (const box of boxes) {
      context.lineWidth = 3;
      context.strokeStyle = 'rgba(255,255,255,0.9)';
      context.strokeText(box.text, box.x, box.y);
      context.fillStyle = '#1b1b1b';
      context.fillText(box.text, box.x, box.y);
    }
    onPlaced(boxes);
  };
  renderer.on('afterRender', draw);
  return () => renderer.off('afterRender', draw);
}
