import type { Crossing, Payment } from '../schemas/entities.js';
import { procureForCrossing } from './assets.js';
import { type Build, euros, isoDay, nextId, provenance, seasonalDay } from './context.js';
import { linkCrossing } from './links.js';
import type { CorridorPlan } from './model.js';
import { pay, type Takings } from './money.js';

/**
 * Crossings and the fees migrants pay for them. Each migrant is a known traveller on one
 * crossing of their corridor; the passenger count is larger (most passengers stay unknown) and
 * grossly overloaded on a quarter of launches, where deaths and injuries are likelier. Migrants
 * pay a money mover (now and then the recruiter, in cash), often in instalments: parallel
 * payments between the same pair.
 */

interface Plan {
  corridor: CorridorPlan;
  day: number;
  travellers: string[];
}

const OUTCOMES = [
  ['landed', 55],
  ['intercepted', 28],
  ['failed', 12],
  ['unknown', 5],
] as const;
type Channel = Payment['channel'];

function planCrossings(build: Build): Plan[] {
  const { rng } = build;
  const plans: Plan[] = [];
  for (const corridor of build.corridors) {
    const migrants = rng.shuffle([...corridor.migrants]);
    for (let at = 0; at < migrants.length;) {
      const travellers = migrants.slice(at, (at += rng.int(4, 16)));
      plans.push({ corridor, day: seasonalDay(rng, corridor.start, corridor.end), travellers });
    }
  }
  // Crossing ids run in date order within a year, as a case system would number them.
  return plans.sort((a, b) => a.day - b.day);
}

function launch(build: Build, { corridor, day, travellers }: Plan): Crossing {
  const { rng } = build;
  const launchGroup = corridor.byStage.launch;
  const crew = launchGroup.cells.launch!;
  const pilots = crew.filter((id) => build.roles.get(id) === 'pilot');
  const recruiters = corridor.byStage.recruitment.cells.recruitment!;
  const route = rng.int(0, corridor.seaRoutes.length - 1);
  const overloaded = rng.chance(0.25);
  const outcome = rng.weighted(OUTCOMES);
  const risky = outcome === 'failed' || outcome === 'landed';

  const crossing: Crossing = {
    id: nextId(build, `X-${isoDay(day).slice(0, 4)}`, 4),
    date: isoDay(day),
    outcome,
    passengers: Math.max(travellers.length, overloaded ? rng.int(56, 90) : rng.int(18, 55)),
    routeId: corridor.seaRoutes[route]!,
    departedFrom: rng.chance(0.85) ? corridor.beaches[route]! : rng.pick(corridor.beaches),
    vesselIds: procureForCrossing(build, corridor, day),
    organisers: rng.sample(launchGroup.organisers, rng.chance(0.3) ? 2 : 1),
    pilots: rng.sample(pilots.length > 0 ? pilots : crew, rng.chance(0.3) ? 2 : 1),
    recruiters: rng.sample(recruiters, rng.chance(0.35) ? 2 : 1),
    travellers,
  };
  if (risky && rng.chance(overloaded ? 0.12 : 0.03)) crossing.deaths = rng.int(1, overloaded ? 12 : 4);
  if (rng.chance(overloaded ? 0.25 : 0.08)) crossing.injuries = rng.int(1, 15);
  return crossing;
}

/** Generates every crossing, its fees and its crew's pay; returns what each money mover took in. */
export function launchCrossings(build: Build): Map<string, Takings> {
  const { rng } = build;
  const takings = new Map<string, Takings>();
  for (const plan of planCrossings(build)) {
    const crossing = launch(build, plan);
    const { corridor, day } = plan;
    const inv = corridor.investigation;
    build.records.crossings.push({ ...crossing, ...provenance(build, day, inv) });

    const movers = corridor.byStage.money.cells.money!.filter((id) => build.roles.get(id) === 'money_mover');
    for (const migrant of plan.travellers) {
      const toRecruiter = rng.chance(0.15);
      const payee = toRecruiter ? rng.pick(crossing.recruiters!) : rng.pick(movers);
      const fee = euros(rng, 1500, 4000);
      const instalments = rng.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ] as const);
      const currency = rng.chance(0.1) ? 'GBP' : 'EUR';
      for (let i = 0; i < instalments; i++) {
        const channel: Channel = toRecruiter
          ? 'cash'
          : rng.weighted<Channel>([
              ['hawala', 60],
              ['cash', 25],
              ['bank', 7],
              ['money_service_business', 8],
            ]);
        const amount = Math.round(fee / instalments / 100) * 100;
        pay(build, { type: 'person', id: migrant }, { type: 'person', id: payee }, amount, day - rng.int(2, 40), channel, inv, { crossingId: crossing.id, currency });
      }
      if (toRecruiter) continue;
      const taken = takings.get(payee) ?? { corridor, total: 0, crossings: 0, last: '' };
      taken.total += fee;
      if (taken.last !== crossing.id) taken.crossings++;
      taken.last = crossing.id;
      takings.set(payee, taken);
    }
    for (const pilot of crossing.pilots!) {
      // Unpaid pilots steer for their own passage.
      if (rng.chance(0.6)) pay(build, { type: 'person', id: crossing.organisers![0]! }, { type: 'person', id: pilot }, euros(rng, 500, 2000), day - rng.int(0, 3), 'cash', inv);
    }
    linkCrossing(build, crossing, corridor, day);
  }
  return takings;
}
