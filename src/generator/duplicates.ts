import type { Person } from '../schemas/entities.js';
import type { Rng } from '../shared/rng.js';
import type { Build } from './context.js';
import { streamOf } from './identifiers.js';
import type { DuplicateKind, LookAlike, PlantedDuplicate } from './model.js';
import { digits } from './names.js';

/**
 * Duplicates as real data has them, for entity resolution to find (off unless asked for):
 * a person loaded a second time from another source, maybe in another investigation, under a
 * variant of the name (another transliteration, a misspelling, the family name as an initial,
 * an alias used as the name, or the same name), with fewer fields (no date of birth, no
 * nationality), often one identifier in common, and the person's ties split between the two
 * ids (a few reported by both sources). And look-alikes that are different people: namesakes
 * with different dates of birth, and the family phones identifiers.ts already shares.
 *
 * Every duplicate keeps something a careful analyst could link it by: a shared identifier or
 * its date of birth. Draws come from their own stream, so the network without them is exactly
 * what it was.
 */

/** Spellings one transliteration gives for another: each pair is tried both ways inside a word. */
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['ee', 'i'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['o', 'u'],
  ['e', 'a'],
  ['ei', 'ai'],
  ['q', 'k'],
  ['kh', 'h'],
  ['mm', 'm'],
  ['ss', 's'],
  ['ll', 'l'],
  ['i', 'ee'],
  ['u', 'ou'],
  ['d', 'dd'],
];

function transliterate(rng: Rng, word: string): string {
  const options: [number, string, string][] = [];
  for (const [from, to] of SPELLINGS) {
    for (let at = word.indexOf(from, 1); at >= 1; at = word.indexOf(from, at + 1)) options.push([at, from, to]);
  }
  if (options.length === 0) return `${word}h`;
  const [at, from, to] = rng.pick(options);
  return word.slice(0, at) + to + word.slice(at + from.length);
}

function misspell(rng: Rng, word: string): string {
  if (word.length < 4) return `${word}${word[word.length - 1]}`;
  const at = rng.int(1, word.length - 2);
  return rng.chance(0.5) ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
}

/** The name a second source gives, and the kind of variant it is. */
function variantName(rng: Rng, person: Person): { name: string; kind: DuplicateKind } {
  const words = person.name.split(' ');
  const family = words.length - 1;
  const kind = rng.weighted<DuplicateKind>([
    ['transliteration', 35],
    ['misspelling', 20],
    ['initial', words[family]!.endsWith('.') ? 0 : 10],
    ['alias-name', person.aliases?.length ? 15 : 0],
    ['same-name', 20],
  ]);
  switch (kind) {
    case 'transliteration': {
      const at = words[family]!.endsWith('.') ? 0 : rng.int(0, family);
      words[at] = transliterate(rng, words[at]!);
      break;
    }
    case 'misspelling': {
      const at = words[family]!.endsWith('.') ? 0 : rng.int(0, family);
      words[at] = misspell(rng, words[at]!);
      break;
    }
    case 'initial':
      words[family] = `${words[family]![0]}.`;
      break;
    case 'alias-name':
      return { name: `${person.aliases![0]} ${words[0]}`, kind };
    case 'same-name':
      break;
  }
  return { name: words.join(' '), kind };
}

function identifiersOf(person: Person): { phone?: string; document?: NonNullable<Person['documents']>[number]; imei?: string } {
  return { phone: person.phones?.[0], document: person.documents?.[0], imei: person.imeis?.[0] };
}

export interface PlantedResolution {
  duplicates: PlantedDuplicate[];
  lookAlikes: LookAlike[];
}

/** Plants `rate` × people duplicates (and half as many namesakes); `familyPhones` are the pairs identifiers.ts gave one phone. */
export function plantDuplicates(build: Build, seed: number, rate: number, familyPhones: readonly [string, string][]): PlantedResolution {
  const rng = streamOf(seed, 'duplicates');
  const { records } = build;
  const people = records.people;
  const originals = [...people];
  const width = Math.max(5, String(people.length).length);
  const count = Math.round(people.length * rate);
  const linkable = people.filter((p) => p.dateOfBirth || p.phones || p.documents || p.imeis);
  const chosen = rng.sample(linkable, count);
  const duplicates: PlantedDuplicate[] = [];
  const twins = new Map<string, string>();
  let next = people.length;

  for (const person of chosen) {
    const id = `P-${String(++next).padStart(width, '0')}`;
    const { name, kind } = variantName(rng, person);
    const copy: Person & { investigations?: string[] } = {
      id,
      name,
      source: `REP-2024-${digits(rng, 5)}`,
      grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' },
    } as Person;
    const own = person as Person & { investigations?: string[] };
    if (own.investigations) copy.investigations = rng.chance(0.3) && build.investigations.length > 1 ? [rng.pick(build.investigations).id] : own.investigations;
    if (person.aliases && kind !== 'alias-name' && rng.chance(0.3)) copy.aliases = person.aliases;
    if (person.nationality && rng.chance(0.6)) copy.nationality = person.nationality;
    const { phone, document, imei } = identifiersOf(person);
    const canShare = phone !== undefined || document !== undefined || imei !== undefined;
    const keepDob = person.dateOfBirth !== undefined && (rng.chance(0.6) || !canShare);
    if (keepDob) copy.dateOfBirth = person.dateOfBirth;
    if (canShare && (rng.chance(0.7) || !keepDob)) {
      const shared = rng.weighted([
        ['phone', phone ? 6 : 0],
        ['document', document ? 3 : 0],
        ['imei', imei ? 1 : 0],
      ] as const);
      if (shared === 'phone') copy.phones = [phone!];
      else if (shared === 'document') copy.documents = [document!];
      else copy.imeis = [imei!];
    }
    if (rng.chance(0.4)) copy.phones = [...(copy.phones ?? []), `+44 7700 9${digits(rng, 2)} ${digits(rng, 3)}`];
    if (person.roles && rng.chance(0.5)) copy.roles = person.roles;
    records.people.push(copy);
    twins.set(person.id, id);
    build.roles.set(id, build.roles.get(person.id)!);
    duplicates.push({ type: 'person', records: [person.id, id], original: person.id, kind });
  }

  // Ties split between the two ids: a tie moves to the second record, or both sources report it.
  const fate = () =>
    rng.weighted<'keep' | 'move' | 'both'>([
      ['keep', 50],
      ['move', 35],
      ['both', 15],
    ]);
  const twin = (id: string) => twins.get(id);
  for (const link of [...records.links]) {
    for (const end of ['from', 'to'] as const) {
      const other = twin(link[end]);
      if (!other) continue;
      const choice = fate();
      if (choice === 'move') link[end] = other;
      else if (choice === 'both') records.links.push({ ...link, id: `${link.id}-D`, [end]: other });
    }
  }
  for (const crossing of records.crossings) {
    for (const list of ['organisers', 'pilots', 'recruiters', 'travellers'] as const) {
      const ids = crossing[list];
      if (!ids) continue;
      const out: string[] = [];
      for (const id of ids) {
        const other = twin(id);
        const choice = other ? fate() : 'keep';
        if (choice !== 'move') out.push(id);
        if (choice !== 'keep') out.push(other!);
      }
      crossing[list] = out;
    }
  }
  for (const account of records.accounts) {
    for (const holder of account.holders ?? []) {
      const other = holder.type === 'person' ? twin(holder.id) : undefined;
      if (other && fate() === 'move') holder.id = other;
    }
  }

  // Namesakes: a second person given the first's name, both with their own (different) dates of birth.
  const lookAlikes: LookAlike[] = familyPhones.map(([a, b]) => ({ type: 'person', records: a < b ? [a, b] : [b, a], kind: 'family-phone' }));
  const dated = originals.filter((p) => p.dateOfBirth && !twins.has(p.id));
  for (let n = Math.round(count / 2); n > 0 && dated.length > 1; n--) {
    const [a, b] = rng.sample(dated, 2);
    if (a!.dateOfBirth === b!.dateOfBirth || twins.has(a!.id) || twins.has(b!.id)) continue;
    b!.name = a!.name;
    if (a!.nationality) b!.nationality = a!.nationality;
    lookAlikes.push({ type: 'person', records: a!.id < b!.id ? [a!.id, b!.id] : [b!.id, a!.id], kind: 'namesake' });
  }
  return { duplicates, lookAlikes };
}
