import type { Vessel } from '../schemas/entities.js';
import type { Rng } from '../shared/rng.js';
import { type Build, euros, nextId, provenance, relate } from './context.js';
import type { CorridorPlan, GroupPlan } from './model.js';
import { pay } from './money.js';
import { digits, letters } from './names.js';

/**
 * Boats, engines and vehicles. Every crossing burns a dinghy and an engine (seized, sunk or
 * abandoned on the beach), so a procurer buys a new pair from one of the group's sellers weeks
 * before each launch and the logistics crew stores them. Engines carry serial numbers, the
 * identifier investigators trust most; vans and lorries carry plates.
 */

const ENGINES = [
  ['Yamaha', '40HP', '6BG'],
  ['Yamaha', '60HP', '6C5'],
  ['Tohatsu', 'MFS40', '3FE'],
  ['Suzuki', 'DF40A', '04004F'],
  ['Parsun', 'F40', 'PF'],
  ['Mercury', '40ELPT', '2B'],
] as const;
const DINGHY_MODELS = ['7.5 m inflatable', '9 m inflatable', '10.5 m inflatable', '12 m inflatable'];
const DINGHY_MAKES = ['Unbranded', 'Seago', 'Intex'];
type MakeModel = readonly [string, string];
const VANS: readonly MakeModel[] = [
  ['Ford', 'Transit'],
  ['Renault', 'Master'],
  ['Mercedes-Benz', 'Sprinter'],
  ['Citroën', 'Jumper'],
  ['Iveco', 'Daily'],
];
const LORRIES: readonly MakeModel[] = [
  ['DAF', 'XF'],
  ['Volvo', 'FH'],
  ['Scania', 'R450'],
];

function plate(rng: Rng): string {
  switch (
    rng.weighted([
      ['FR', 45],
      ['DE', 25],
      ['GB', 15],
      ['BE', 15],
    ] as const)
  ) {
    case 'FR':
      return `${letters(rng, 2)}-${digits(rng, 3)}-${letters(rng, 2)}`;
    case 'DE':
      return `${rng.pick(['E', 'DU', 'DO', 'OS'])}-${letters(rng, 2)} ${rng.int(1, 9999)}`;
    case 'GB':
      return `${letters(rng, 2)}${digits(rng, 2)} ${letters(rng, 3)}`;
    case 'BE':
      return `1-${letters(rng, 3)}-${digits(rng, 3)}`;
  }
}

function addVessel(build: Build, vessel: Omit<Vessel, 'id'>, day: number, investigation: string): string {
  const id = nextId(build, 'V', 5);
  build.records.vessels.push({ id, ...vessel, ...provenance(build, day, investigation) });
  return id;
}

/** One or two vans (now and then a lorry) per group that moves boats or people, owned by a driver. */
export function equipVehicles(build: Build): void {
  const { rng } = build;
  for (const group of build.groups) {
    const crew = [...(group.cells.launch ?? []), ...(group.cells.logistics ?? [])];
    if (crew.length === 0) continue;
    const drivers = crew.filter((id) => build.roles.get(id) === 'driver');
    const day = rng.int(group.corridor.start, group.corridor.end);
    for (let n = rng.int(1, 2); n > 0; n--) {
      const lorry = rng.chance(0.2);
      const [make, model] = rng.pick(lorry ? LORRIES : VANS);
      const van = addVessel(build, { kind: lorry ? 'lorry' : 'van', make, model, plate: plate(rng) }, day, group.investigation);
      group.vans.push(van);
      relate(build, 'owns', { type: 'person', id: rng.pick(drivers.length > 0 ? drivers : crew) }, { type: 'vessel', id: van }, day, group.investigation);
    }
  }
}

function buy(build: Build, group: GroupPlan, procurer: string, vessel: Omit<Vessel, 'id'>, price: number, day: number): string {
  const { rng } = build;
  const id = addVessel(build, vessel, day, group.investigation);
  const seller = rng.pick(group.suppliers);
  relate(build, 'sold', { type: 'organisation', id: seller }, { type: 'vessel', id }, day, group.investigation);
  relate(build, 'bought', { type: 'person', id: procurer }, { type: 'vessel', id }, day, group.investigation);
  pay(build, { type: 'person', id: procurer }, { type: 'organisation', id: seller }, price, day, rng.chance(0.6) ? 'cash' : 'bank', group.investigation);
  if (group.warehouse !== undefined) {
    relate(build, 'stored_at', { type: 'vessel', id }, { type: 'location', id: group.warehouse }, day + rng.int(1, 5), group.investigation);
  }
  return id;
}

/** Buys the dinghy and engine for a launch on `day`, and names the van that took them to the beach. */
export function procureForCrossing(build: Build, corridor: CorridorPlan, day: number): string[] {
  const { rng } = build;
  const group = corridor.byStage.logistics;
  const cell = group.cells.logistics!;
  const procurers = cell.filter((id) => build.roles.get(id) === 'procurer');
  const procurer = rng.pick(procurers.length > 0 ? procurers : cell);
  const bought = Math.max(corridor.start, day - rng.int(7, 60));

  const boat = rng.chance(0.05)
    ? buy(
        build,
        group,
        procurer,
        { kind: 'boat', make: 'Unbranded', model: 'Fishing boat', hullId: `FR-${letters(rng, 3)}${digits(rng, 5)}` },
        euros(rng, 6000, 15000, 500),
        bought,
      )
    : buy(
        build,
        group,
        procurer,
        { kind: 'dinghy', make: rng.pick(DINGHY_MAKES), model: rng.pick(DINGHY_MODELS), ...(rng.chance(0.3) ? { hullId: `CN-${letters(rng, 3)}${digits(rng, 8)}` } : {}) },
        euros(rng, 1500, 4000, 100),
        bought,
      );
  const [make, model, prefix] = rng.pick(ENGINES);
  const engine = buy(build, group, procurer, { kind: 'engine', make, model, engineSerial: `${prefix}-${digits(rng, 7)}` }, euros(rng, 2000, 6000, 100), bought);

  const storer = rng.pick(cell);
  if (storer !== procurer && rng.chance(0.4)) {
    relate(build, 'stored', { type: 'person', id: storer }, { type: 'vessel', id: engine }, bought + 2, group.investigation);
  }
  const organiser = rng.pick(group.organisers);
  if (rng.chance(0.5)) pay(build, { type: 'person', id: organiser }, { type: 'person', id: procurer }, euros(rng, 3000, 9000, 500), bought - 3, 'cash', group.investigation);

  const vans = [...corridor.byStage.launch.vans, ...group.vans];
  return vans.length > 0 && rng.chance(0.4) ? [boat, engine, rng.pick(vans)] : [boat, engine];
}
