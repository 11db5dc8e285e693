import type { AnalysisContext } from './api-types.js';
import type { ExplorerEdge, ExplorerGraph, ExplorerNode } from './explorer-graph.js';

/**
 * The network's layers around the analysed people: vessels, crossings, payments (with the
 * accounts they pass through) and places (locations, routes), from the run's context
 * (GET /v1/analyses/{id}/context). They are drawn context only: the ranking, the communities
 * and the what-if are over the run's people graph, which these never change. Each type has a
 * shape of its own (a pictogram: sigma's image program, drawn in the node's colour), and each
 * relation a direction where it has one (payer → payment → payee, organiser → crossing → vessel).
 */

export const LAYERS = [
  { id: 'vessels', label: 'Vessels', types: ['vessel'] },
  { id: 'crossings', label: 'Crossings', types: ['crossing'] },
  { id: 'payments', label: 'Payments', types: ['payment', 'account'] },
  { id: 'places', label: 'Places', types: ['location', 'route'] },
] as const;

export type LayerId = (typeof LAYERS)[number]['id'];

/** Relation types without a direction (ties between people as reported); every other one has one. */
const UNDIRECTED = new Set(['CONTACT', 'COMMUNICATION', 'MEETING', 'FAMILY', 'ASSOCIATE']);

export const isDirected = (relation: string): boolean => !UNDIRECTED.has(relation);

export function layerOf(entityType: string): LayerId | null {
  return LAYERS.find((layer) => (layer.types as readonly string[]).includes(entityType))?.id ?? null;
}

/** Colour and shape per context type (colours kept apart from the community palette's). */
const SHAPES: Record<string, { color: string; path: string }> = {
  // A square for vessels and a hull under it for the boat's shape.
  vessel: { color: '#4d4d4d', path: 'M14 10h36v26H14z M6 40h52l-8 14H14z' },
  crossing: { color: '#7a3e9d', path: 'M32 4L60 58H4z' },
  payment: { color: '#1a7f37', path: 'M32 2L62 32L32 62L2 32z' },
  account: { color: '#0f5c2a', path: 'M6 14h52v36H6z M6 22h52v6H6z' },
  location: { color: '#8c510a', path: 'M32 2C19 2 10 12 10 24c0 16 22 38 22 38s22-22 22-38C54 12 45 2 32 2z' },
  route: { color: '#b35806', path: 'M6 40L24 14L40 40L58 14V30L40 56L24 30L6 56z' },
};

/** A pictogram as an SVG data URL: the image program reads its shape and fills it with the node's colour. */
export function shapeImage(entityType: string): string {
  const path = SHAPES[entityType]?.path ?? 'M8 8h48v48H8z';
  return `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><path fill="#000" d="${path}"/></svg>`)}`;
}

export const shapeColour = (entityType: string): string => SHAPES[entityType]?.color ?? '#555555';

/** Edge width (sigma pixels) for a tie's strength, or a payment's amount in minor units. */
export function tieWidth(value: number, by: 'strength' | 'money'): number {
  if (!(value > 0)) return 0.5;
  if (by === 'strength') return 0.5 + Math.min(3.5, Math.log1p(value));
  return 0.5 + Math.min(4, Math.log10(1 + value / 100) / 1.2);
}

/**
 * Where a context entity starts: around the entities it is tied to that are placed already
 * (people first, then outwards), on a small circle so that two entities tied to the same
 * people do not sit on each other; one tied to nothing placed goes on a ring outside.
 */
function placeContext(graph: ExplorerGraph, added: readonly string[]): void {
  const placed = new Set<string>();
  graph.forEachNode((key, a) => {
    if (a.layer === undefined) placed.add(key);
  });
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const key of placed) {
    const { x, y } = graph.getNodeAttributes(key);
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const span = Number.isFinite(minX) ? Math.max(maxX - minX, maxY - minY, 1) : 100;
  const [cx, cy] = Number.isFinite(minX) ? [(minX + maxX) / 2, (minY + maxY) / 2] : [0, 0];
  const step = span / 60;
  let pending = [...added];
  let orphans = 0;
  while (pending.length > 0) {
    const next: string[] = [];
    let progress = false;
    for (const [i, key] of pending.entries()) {
      const anchors = graph.neighbors(key).filter((n) => placed.has(n));
      if (anchors.length === 0) {
        next.push(key);
        continue;
      }
      const mx = anchors.reduce((s, n) => s + graph.getNodeAttribute(n, 'x'), 0) / anchors.length;
      const my = anchors.reduce((s, n) => s + graph.getNodeAttribute(n, 'y'), 0) / anchors.length;
      // The golden angle spreads the entities sharing an anchor around it.
      const angle = i * 2.399963;
      graph.mergeNodeAttributes(key, { x: mx + step * Math.cos(angle), y: my + step * Math.sin(angle) });
      placed.add(key);
      progress = true;
    }
    if (!progress) {
      for (const key of next) {
        const angle = (2 * Math.PI * orphans++) / next.length;
        graph.mergeNodeAttributes(key, { x: cx + span * 0.6 * Math.cos(angle), y: cy + span * 0.6 * Math.sin(angle) });
      }
      break;
    }
    pending = next;
  }
}

/**
 * Adds a run's context to the drawn graph: its entities as nodes of their layer (no community,
 * no rank), and their relations whose two ends are in the graph (a person the run left out is
 * not). Relations between the same two entities are one edge, naming each type with its count.
 * Returns the keys added. Adding twice adds nothing more.
 */
export function addContext(graph: ExplorerGraph, context: Pick<AnalysisContext, 'nodes' | 'relations'>): string[] {
  const added: string[] = [];
  for (const node of context.nodes) {
    if (graph.hasNode(node.key)) continue;
    const attributes: ExplorerNode = {
      label: node.label,
      entityType: node.type,
      entityId: node.id,
      community: '',
      rank: null,
      harmScore: null,
      x: 0,
      y: 0,
      size: node.type === 'crossing' ? 7 : 6,
      color: shapeColour(node.type),
      communityColor: shapeColour(node.type),
      forceLabel: false,
      layer: layerOf(node.type)!,
      type: 'pictogram',
      image: shapeImage(node.type),
    };
    graph.addNode(node.key, attributes);
    added.push(node.key);
  }
  for (const relation of context.relations) {
    const { source, target } = relation;
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const id = `ctx|${relation.type}|${source}|${target}`;
    if (graph.hasEdge(id)) continue;
    const existing = graph.edge(source, target);
    const directed = isDirected(relation.type);
    if (existing !== undefined) {
      const a = graph.getEdgeAttributes(existing);
      if (a.relation === undefined) continue;
      const sameWay = graph.source(existing) === source;
      graph.mergeEdgeAttributes(existing, {
        relation: `${a.relation};${relation.type}:${relation.count}`,
        count: (a.count ?? 0) + relation.count,
        firstSeen: earlier(a.firstSeen ?? null, relation.firstSeen),
        lastSeen: later(a.lastSeen ?? null, relation.lastSeen),
        type: a.type === 'arrow' && directed && sameWay ? 'arrow' : 'line',
      });
      continue;
    }
    const money = relation.amount ?? 0;
    const attributes: ExplorerEdge = {
      weight: relation.count,
      money,
      kinds: `${relation.type}:${relation.count}`,
      size: relation.amount === null ? tieWidth(relation.count, 'strength') : tieWidth(money, 'money'),
      color: relation.amount === null ? '#9a9a9a' : '#6fbf87',
      relation: `${relation.type}:${relation.count}`,
      count: relation.count,
      firstSeen: relation.firstSeen,
      lastSeen: relation.lastSeen,
      amount: relation.amount,
      currency: relation.currency,
      type: directed ? 'arrow' : 'line',
    };
    graph.addEdgeWithKey(id, source, target, attributes);
  }
  placeContext(graph, added);
  return added;
}

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** What a tie says on hover: its kinds with counts, count, first and last dates, money. */
export interface TieSummary {
  kind: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  amount: number | null;
  currency: string | null;
  directed: boolean;
}

export function describeTie(attributes: ExplorerEdge): TieSummary {
  const parts = (attributes.relation ?? attributes.kinds)
    .split(';')
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.lastIndexOf(':');
      return { kind: p.slice(0, at), count: Number(p.slice(at + 1)) };
    });
  const count = parts.reduce((s, p) => s + p.count, 0);
  const isContext = attributes.relation !== undefined;
  return {
    kind: parts.map((p) => (isContext ? p.kind.toLowerCase().replace(/_/g, ' ') : p.kind)).join(', '),
    count,
    firstSeen: attributes.firstSeen ?? null,
    lastSeen: attributes.lastSeen ?? null,
    amount: isContext ? (attributes.amount ?? null) : attributes.money > 0 ? attributes.money : null,
    currency: attributes.currency ?? null,
    directed: attributes.type === 'arrow',
  };
}

/** The summary as one line of text for the tooltip. */
export function tieText(summary: TieSummary, reportingCurrency: string): string {
  const kinds = summary.kind === '' ? 'tie' : summary.kind;
  const dates = summary.firstSeen === null ? '' : summary.firstSeen === summary.lastSeen ? ` · ${summary.firstSeen}` : ` · ${summary.firstSeen} to ${summary.lastSeen ?? '…'}`;
  const money =
    summary.amount === null
      ? ''
      : ` · ${(summary.amount / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${summary.currency ?? reportingCurrency}`;
  return `${kinds} · ${summary.count} relation${summary.count === 1 ? '' : 's'}${dates}${money}`;
}
