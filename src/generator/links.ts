import type { Crossing, Link } from '../schemas/entities.js';
import { type Build, isoDay, nextId, provenance } from './context.js';
import type { CorridorPlan, GroupPlan } from './model.js';

/**
 * Person-to-person links (calls, meetings, associations). Dense inside a stage cell, sparse
 * between the cells of a group (organisers and brokers excepted), and between groups only
 * through brokers: the stage-of-route clustering Campana (2018) found. A tie is often reported
 * more than once (phone analysis, surveillance, an informant): those reports stay separate
 * link records between the same pair, i.e. parallel relations.
 */

type LinkType = Link['type'];
type Weights = readonly (readonly [LinkType, number])[];

const WORK: Weights = [
  ['communication', 50],
  ['meeting', 20],
  ['contact', 15],
  ['associate', 15],
];
const CLOSE: Weights = [
  ['family', 30],
  ['associate', 30],
  ['communication', 40],
];
const LOOSE: Weights = [
  ['contact', 60],
  ['meeting', 40],
];
const RECRUITED: Weights = [
  ['contact', 60],
  ['communication', 40],
];

export interface Window {
  start: number;
  end: number;
}

/** One link record; returns its id. */
export function report(build: Build, a: string, b: string, window: Window, type: LinkType, count: number, investigation?: string, noise = false): string {
  const { rng } = build;
  const first = rng.int(window.start, window.end);
  const last = rng.int(first, window.end);
  const [from, to] = rng.chance(0.5) ? [a, b] : [b, a];
  const id = nextId(build, 'LK', 6);
  build.records.links.push({
    id,
    type,
    from,
    to,
    count,
    firstSeen: isoDay(first),
    lastSeen: isoDay(last),
    ...provenance(build, last, investigation, noise),
  });
  return id;
}

/** A planted tie: one report, or two or three parallel ones that share out its contacts. */
function tie(build: Build, a: string, b: string, corridor: CorridorPlan, mean: number, types: Weights, investigation: string): void {
  const { rng } = build;
  const reports = rng.chance(0.22) ? rng.int(2, 3) : 1;
  for (let r = 0; r < reports; r++) {
    report(build, a, b, corridor, rng.weighted(types), 1 + rng.poisson(mean / reports), investigation);
  }
}

function linkGroup(build: Build, group: GroupPlan): void {
  const { rng } = build;
  const { corridor, investigation: inv } = group;
  const cells = group.stages.map((stage) => group.cells[stage]!);
  for (const cell of cells) {
    // A random spanning tree keeps every cell connected; extra pairs make it dense (less so in big cells).
    const density = Math.min(0.45, 4 / cell.length);
    for (let i = 1; i < cell.length; i++) {
      const partner = rng.int(0, i - 1);
      for (let j = 0; j < i; j++) {
        if (j === partner || rng.chance(density)) tie(build, cell[i]!, cell[j]!, corridor, 14, WORK, inv);
      }
    }
  }
  for (const organiser of group.organisers) {
    for (const cell of cells) {
      const lead = rng.pick(cell);
      for (const member of cell) if (member === lead || rng.chance(0.3)) tie(build, organiser, member, corridor, 8, WORK, inv);
    }
  }
  const [first, second] = group.organisers;
  if (first !== undefined && second !== undefined) tie(build, first, second, corridor, 25, CLOSE, inv);
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      for (const a of cells[i]!) for (const b of cells[j]!) if (a !== b && rng.chance(0.04)) tie(build, a, b, corridor, 2, LOOSE, inv);
    }
  }
}

/** Ties inside groups and the brokers' ties into the cells they bridge. */
export function linkNetwork(build: Build): void {
  const { rng } = build;
  for (const group of build.groups) linkGroup(build, group);
  for (const broker of build.brokers) {
    for (const { group, stage } of broker.bridges) {
      const targets = rng.sample(group.cells[stage]!, rng.int(1, 3)).filter((id) => id !== broker.id);
      for (const target of targets) tie(build, broker.id, target, broker.group.corridor, 10, WORK, broker.group.investigation);
    }
  }
}

/** Ties a crossing reveals: migrants to their recruiter, families travelling together, pilots to the organiser. */
export function linkCrossing(build: Build, crossing: Crossing, corridor: CorridorPlan, day: number): void {
  const { rng } = build;
  const inv = corridor.investigation;
  const window = { start: Math.max(corridor.start, day - 45), end: day };
  const travellers = crossing.travellers ?? [];
  for (const migrant of travellers) {
    if (rng.chance(0.75)) report(build, migrant, rng.pick(crossing.recruiters!), window, rng.weighted(RECRUITED), rng.int(1, 6), inv);
  }
  for (let n = travellers.length > 1 ? rng.poisson(travellers.length * 0.1) : 0; n > 0; n--) {
    const [a, b] = rng.sample(travellers, 2);
    report(build, a!, b!, window, 'family', 1 + rng.poisson(20), inv);
  }
  for (const pilot of crossing.pilots!) {
    if (rng.chance(0.7)) report(build, pilot, crossing.organisers![0]!, window, 'communication', 1 + rng.poisson(6), inv);
  }
}
