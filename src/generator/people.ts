import type { Person } from '../schemas/entities.js';
import { type Build, CALENDAR_DAYS, provenance } from './context.js';
import type { PlantedRole } from './model.js';
import { alias, FACILITATOR_NATIONALITIES, MIGRANT_NATIONALITIES, personName } from './names.js';

/**
 * Person records. Ids are handed out in a shuffled order so that an id says nothing about a
 * person's group or role. The roles written on a record are what intelligence says, not the
 * planted truth: brokers in particular are rarely known as such (Morselli: they are the ones
 * investigations miss), and some people have no role recorded at all.
 */

type RecordedRoles = NonNullable<Person['roles']>;

function recordedRoles(build: Build, role: PlantedRole): RecordedRoles | undefined {
  const { rng } = build;
  switch (role) {
    case 'migrant':
      return rng.chance(0.92) ? ['migrant'] : undefined;
    case 'broker':
      return rng.chance(0.55) ? ['facilitator'] : undefined;
    case 'organiser':
      return rng.weighted<RecordedRoles | undefined>([
        [['organiser'], 80],
        [['facilitator'], 10],
        [undefined, 10],
      ]);
    case 'pilot':
      // Pilots are often migrants themselves, steering in exchange for their own passage.
      return rng.weighted<RecordedRoles | undefined>([
        [['pilot'], 68],
        [['pilot', 'migrant'], 20],
        [undefined, 12],
      ]);
    default:
      return rng.chance(0.85) ? [role] : undefined;
  }
}

function birthDate(build: Build, fromYear: number, toYear: number): string {
  const { rng } = build;
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  return `${rng.int(fromYear, toYear)}-${month}-${day}`;
}

/** Returns a function that creates one person with a planted role and returns its id. */
export function createPersonFactory(build: Build, total: number): (role: PlantedRole, investigation: string) => string {
  const { rng } = build;
  const width = Math.max(5, String(total).length);
  const numbers = rng.shuffle(Array.from({ length: total }, (_, i) => i + 1));
  let taken = 0;

  return (role, investigation) => {
    const number = numbers[taken++];
    if (number === undefined) throw new RangeError(`generator/people: more than ${total} people cast`);
    const id = `P-${String(number).padStart(width, '0')}`;
    const migrant = role === 'migrant';
    const nationality = rng.weighted(migrant ? MIGRANT_NATIONALITIES : FACILITATOR_NATIONALITIES);
    const person: Person = { id, name: personName(rng, nationality) };
    if (!migrant && rng.chance(0.4)) person.aliases = [alias(rng)];
    if (rng.chance(migrant ? 0.7 : 0.9)) person.nationality = nationality;
    if (rng.chance(migrant ? 0.5 : 0.75)) person.dateOfBirth = migrant ? birthDate(build, 1980, 2006) : birthDate(build, 1965, 2001);
    const roles = recordedRoles(build, role);
    if (roles) person.roles = roles;
    build.records.people.push({ ...person, ...provenance(build, rng.int(0, CALENDAR_DAYS - 1), investigation) });
    build.roles.set(id, role);
    return id;
  };
}
