import { type Build, nextId, provenance, relate } from './context.js';
import type { GroupPlan } from './model.js';
import { digits } from './names.js';
import { recruitmentCity } from './places.js';

/**
 * Where facilitators are seen and the businesses behind them: recruiters work the camps of a
 * coastal city, launch crews the beaches, the logistics crew its warehouse, organisers their
 * safe house. A third of the groups launder through a front business run by an organiser that
 * also puts a few members on its payroll.
 */

const FRONTS = ['Car Wash', 'Barbers', 'Mini Market', 'Phone Repairs', 'Kebab House', 'Hand Car Valeting'];

function operatesAt(build: Build, group: GroupPlan, person: string, location: string): void {
  const { corridor } = group;
  relate(build, 'operates_at', { type: 'person', id: person }, { type: 'location', id: location }, build.rng.int(corridor.start, corridor.end), group.investigation);
}

function front(build: Build, group: GroupPlan): void {
  const { rng } = build;
  const country = rng.weighted([
    ['GB', 50],
    ['FR', 30],
    ['BE', 20],
  ] as const);
  const id = nextId(build, 'ORG', 4);
  build.records.organisations.push({
    id,
    name: `${rng.pick(['Star', 'Royal', 'City', 'Kurdistan', 'Express', 'Golden'])} ${rng.pick(FRONTS)}`,
    kind: rng.chance(0.6) ? 'front' : 'employer',
    registration: digits(rng, 8),
    country,
    ...provenance(build, rng.int(0, 300), group.investigation),
  });
  const day = rng.int(0, group.corridor.start);
  relate(build, 'director_of', { type: 'person', id: rng.pick(group.organisers) }, { type: 'organisation', id }, day, group.investigation);
  const staff = group.stages.flatMap((stage) => group.cells[stage]!);
  for (const member of rng.sample(staff, rng.int(0, 2))) {
    relate(build, 'employed_by', { type: 'person', id: member }, { type: 'organisation', id }, day + rng.int(0, 60), group.investigation);
  }
}

export function placePeople(build: Build): void {
  const { rng } = build;
  for (const group of build.groups) {
    const { corridor } = group;
    for (const stage of group.stages) {
      for (const person of group.cells[stage]!) {
        const role = build.roles.get(person);
        if (role === 'recruiter' && rng.chance(0.7)) operatesAt(build, group, person, recruitmentCity(build));
        if ((role === 'pilot' || role === 'driver') && rng.chance(0.5)) operatesAt(build, group, person, rng.pick(corridor.beaches));
        if (role === 'logistics' && rng.chance(0.6)) operatesAt(build, group, person, group.warehouse ?? corridor.staging);
      }
    }
    for (const organiser of group.organisers) if (rng.chance(0.6)) operatesAt(build, group, organiser, group.safeHouse);
    if (rng.chance(0.35)) front(build, group);
  }
}
