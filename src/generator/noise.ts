import { type Build, CALENDAR_DAYS, euros } from './context.js';
import { report } from './links.js';
import { pay } from './money.js';

/**
 * Intelligence suspected to be false (assessment E): links and payments between people picked
 * at random from the whole network, about 4% of all records. They cut across groups and
 * corridors, so analytics that do not leave E-assessed facts out will find shortcuts that are
 * not there.
 */

const NOISE_SHARE = 0.04;

export function addNoise(build: Build): void {
  const { rng, records } = build;
  const real = Object.values(records).reduce((sum, list: unknown[]) => sum + list.length, 0);
  const count = Math.round((real * NOISE_SHARE) / (1 - NOISE_SHARE));
  const people = records.people.map((p) => p.id);
  const calendar = { start: 0, end: CALENDAR_DAYS - 1 };
  for (let n = 0; n < count; n++) {
    const a = rng.pick(people);
    let b = rng.pick(people);
    while (b === a) b = rng.pick(people);
    const id = rng.chance(0.8)
      ? report(build, a, b, calendar, rng.pick(['associate', 'contact'] as const), rng.int(1, 3), undefined, true)
      : pay(build, { type: 'person', id: a }, { type: 'person', id: b }, euros(rng, 200, 3000), rng.int(0, CALENDAR_DAYS - 1), rng.pick(['cash', 'hawala'] as const), undefined, {
          noise: true,
        });
    build.noise.push(id);
  }
}
