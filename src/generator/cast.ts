import type { Rng } from '../shared/rng.js';
import { type Build, CALENDAR_DAYS } from './context.js';
import { type BrokerPlan, type CorridorPlan, type GroupPlan, type PlantedRole, type Stage, STAGES } from './model.js';
import { OPERATION_NAMES } from './names.js';
import { createPersonFactory } from './people.js';
import { pickSuppliers, siteCorridor, siteGroup } from './places.js';

/**
 * Who is in the network. Groups (about one per 60 people, at least 3) are gathered into
 * corridors of one to three groups that split the four stages of a route between them. About
 * 15% of people are facilitators (Campana 2018: ~15% organisers among 292 actors); the rest are
 * migrants attached to a corridor.
 */

const FACILITATOR_SHARE = 0.15;
const PEOPLE_PER_GROUP = 60;

/** Cell composition: the first member has the role the stage cannot run without. */
const FIRST_ROLE: Record<Stage, PlantedRole> = { recruitment: 'recruiter', logistics: 'procurer', launch: 'pilot', money: 'money_mover' };
const LATER_ROLES: Record<Stage, readonly (readonly [PlantedRole, number])[]> = {
  recruitment: [['recruiter', 1]],
  logistics: [
    ['procurer', 45],
    ['logistics', 55],
  ],
  launch: [
    ['pilot', 60],
    ['driver', 40],
  ],
  money: [['money_mover', 1]],
};
const CELL_WEIGHT: Record<Stage, number> = { recruitment: 3, logistics: 3, launch: 3, money: 2 };

/** Splits `total` over `weights` proportionally, in whole numbers that add up to `total`. */
function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % shares.length, left--) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}

/** Stages per group, per corridor: each corridor covers all four stages exactly once. */
function planCorridors(rng: Rng, groupCount: number): Stage[][][] {
  const corridors: Stage[][][] = [];
  for (let left = groupCount; left > 0;) {
    const size = Math.min(
      left,
      rng.weighted([
        [1, 3],
        [2, 4],
        [3, 3],
      ] as const),
    );
    const cuts =
      size === 1
        ? [4]
        : size === 2
          ? rng.pick([
              [2, 2],
              [1, 3],
              [3, 1],
            ])
          : rng.shuffle([2, 1, 1]);
    const order = rng.shuffle([...STAGES]);
    let at = 0;
    corridors.push(cuts.map((n) => order.slice(at, (at += n)).sort((a, b) => STAGES.indexOf(a) - STAGES.indexOf(b))));
    left -= size;
  }
  return corridors;
}

function nameInvestigations(build: Build, count: number): void {
  for (let i = 0; i < count; i++) {
    const word = OPERATION_NAMES[i % OPERATION_NAMES.length] as string;
    const round = Math.floor(i / OPERATION_NAMES.length);
    build.investigations.push({
      id: `OP-${word.toUpperCase()}${round ? `-${round + 1}` : ''}`,
      name: `Operation ${word}${round ? ` ${round + 1}` : ''}`,
    });
  }
}

/**
 * Casts `people` people into corridors and groups. `investigations` defaults to one for a small
 * network and one per two groups otherwise, capped at the ingest limit of 100 and at the number
 * of corridors: a corridor's groups work together, so one operation owns them all.
 */
export function castNetwork(build: Build, people: number, investigations?: number): void {
  const { rng } = build;
  const groupCount = Math.max(3, Math.floor(people / PEOPLE_PER_GROUP));
  const plan = planCorridors(rng, groupCount);
  const wanted = investigations ?? (groupCount < 6 ? 1 : Math.ceil(groupCount / 2));
  nameInvestigations(build, Math.min(wanted, 100, plan.length));
  const shapes = plan.flat().map((stages) => ({ stages, organisers: rng.chance(0.45) ? 2 : 1, brokers: rng.chance(0.4) ? 2 : 1 }));
  const minimum = shapes.reduce((sum, s) => sum + s.organisers + s.brokers + s.stages.length, 0);
  const extras = shareOut(
    Math.max(0, Math.round(people * FACILITATOR_SHARE) - minimum),
    shapes.map(() => Math.exp(rng.next() * 1.5)),
  );
  const person = createPersonFactory(build, people);

  for (const split of plan) {
    const investigation = build.investigations[Math.floor((build.corridors.length * build.investigations.length) / plan.length)]!.id;
    const start = rng.int(0, 300);
    const sites = siteCorridor(build, investigation);
    const corridor: CorridorPlan = {
      id: `C-${String(build.corridors.length + 1).padStart(3, '0')}`,
      investigation,
      groups: [],
      // Filled below, one entry per stage, as the corridor's groups are cast.
      byStage: {} as Record<Stage, GroupPlan>,
      migrants: [],
      start,
      end: Math.min(CALENDAR_DAYS - 1, start + rng.int(240, 730)),
      ...sites,
    };
    for (const stages of split) {
      const index = build.groups.length;
      const shape = shapes[index]!;
      const group: GroupPlan = {
        id: `G-${String(index + 1).padStart(3, '0')}`,
        corridor,
        investigation,
        stages,
        organisers: [],
        brokers: [],
        cells: {},
        ...siteGroup(build, stages, sites, investigation),
        suppliers: stages.includes('logistics') ? pickSuppliers(build, index) : [],
        vans: [],
      };
      for (let i = 0; i < shape.organisers; i++) group.organisers.push(person('organiser', investigation));
      for (let i = 0; i < shape.brokers; i++) {
        const broker: BrokerPlan = { id: person('broker', investigation), group, home: rng.pick(stages), bridges: [] };
        group.brokers.push(broker);
        build.brokers.push(broker);
      }
      const sizes = shareOut(
        extras[index]!,
        stages.map((s) => CELL_WEIGHT[s] * (0.5 + rng.next())),
      );
      stages.forEach((stage, i) => {
        const cell = [person(FIRST_ROLE[stage], investigation)];
        for (let n = 0; n < sizes[i]!; n++) cell.push(person(rng.weighted(LATER_ROLES[stage]), investigation));
        group.cells[stage] = cell;
        corridor.byStage[stage] = group;
      });
      corridor.groups.push(group);
      build.groups.push(group);
    }
    build.corridors.push(corridor);
  }

  const counts = shareOut(
    people - build.records.people.length,
    build.corridors.map((c) => c.groups.length * (0.6 + rng.next())),
  );
  build.corridors.forEach((corridor, i) => {
    for (let n = 0; n < counts[i]!; n++) corridor.migrants.push(person('migrant', corridor.investigation));
  });
}
