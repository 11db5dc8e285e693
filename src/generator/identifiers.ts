import { imeiOf } from '../model/identifiers.js';
import { createRng, type Rng } from '../shared/rng.js';
import type { Build } from './context.js';
import { digits, letters } from './names.js';

/**
 * Identifiers, added once the network is built: most people have one or two phones (a few
 * share one within a family, as real data has), some a handset's IMEI and documents; boats
 * carry a registration. Each record draws from its own stream, seeded by the run's seed and
 * its id, so the rest of the network is exactly what it was without them.
 */

const PHONE_PREFIXES: Record<string, string[]> = {
  IQ: ['+964 750', '+964 770'],
  IR: ['+98 912', '+98 935'],
  AF: ['+93 70', '+93 79'],
  ER: ['+291 7'],
  SD: ['+249 91'],
  SY: ['+963 93'],
  TR: ['+90 532'],
  GB: ['+44 7700 9'],
  FR: ['+33 6 12'],
};
const ABROAD = ['+44 7700 9', '+33 6 12', '+49 151', '+32 470'];

export function streamOf(seed: number, key: string): Rng {
  let hash = seed >>> 0;
  for (const ch of key) hash = (Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0) ^ (hash >>> 13);
  return createRng(hash >>> 0);
}

function phone(rng: Rng, nationality: string | undefined): string {
  const prefix = rng.chance(0.6) && nationality && PHONE_PREFIXES[nationality] ? rng.pick(PHONE_PREFIXES[nationality]!) : rng.pick(ABROAD);
  return `${prefix} ${digits(rng, 3)} ${digits(rng, 3)}`;
}

/** Adds the identifiers; returns the pairs of people given one family phone. */
export function addIdentifiers(build: Build, seed: number): [string, string][] {
  const familyPhones: [string, string][] = [];
  const phonesOf = new Map<string, string[]>();
  for (const person of build.records.people) {
    const rng = streamOf(seed, person.id);
    const migrant = build.roles.get(person.id) === 'migrant';
    if (rng.chance(migrant ? 0.6 : 0.9)) {
      const phones = [phone(rng, person.nationality)];
      if (rng.chance(0.3)) phones.push(phone(rng, person.nationality));
      person.phones = phones;
      phonesOf.set(person.id, phones);
    }
    if (!migrant && rng.chance(0.25)) person.imeis = [imeiOf(`35${digits(rng, 12)}`)];
    const documents: NonNullable<typeof person.documents> = [];
    if (rng.chance(migrant ? 0.3 : 0.45))
      documents.push({ kind: 'passport', number: `${letters(rng, 1)}${digits(rng, 8)}`, ...(person.nationality ? { country: person.nationality } : {}) });
    if (!migrant && rng.chance(0.1)) documents.push({ kind: 'residence_permit', number: `${letters(rng, 2)}${digits(rng, 7)}`, country: rng.pick(['GB', 'FR', 'DE', 'BE']) });
    if (documents.length > 0) person.documents = documents;
  }
  // A family phone: one relative's number reported for the other too.
  const people = new Map(build.records.people.map((p) => [p.id, p]));
  for (const link of build.records.links) {
    if (link.type !== 'family') continue;
    const shared = phonesOf.get(link.from)?.[0];
    const other = people.get(link.to);
    if (!shared || !other || !streamOf(seed, link.id).chance(0.15)) continue;
    if (!other.phones?.includes(shared)) familyPhones.push([link.from, link.to]);
    other.phones = [...new Set([...(other.phones ?? []), shared])];
  }
  for (const vessel of build.records.vessels) {
    if (vessel.kind !== 'boat' && vessel.kind !== 'dinghy') continue;
    const rng = streamOf(seed, vessel.id);
    if (vessel.kind === 'boat' || rng.chance(0.2)) vessel.registration = `${rng.pick(['BL', 'DK', 'CA', 'OS'])} ${digits(rng, 3)}${letters(rng, 1)}`;
  }
  return familyPhones;
}
