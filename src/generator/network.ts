import type { IngestDocument } from '../schemas/ingest.js';
import { createRng, SEED_MAX } from '../shared/rng.js';
import { equipVehicles } from './assets.js';
import { bridgeBrokers } from './bridges.js';
import { castNetwork } from './cast.js';
import { createBuild } from './context.js';
import { launchCrossings } from './crossings.js';
import { plantDuplicates } from './duplicates.js';
import { placePeople } from './footprint.js';
import { holdOutLinks } from './hold-out.js';
import { addIdentifiers } from './identifiers.js';
import { linkNetwork } from './links.js';
import type { Truth } from './model.js';
import { openAccounts, settle } from './money.js';
import { addNoise } from './noise.js';
import { plantedTruth } from './truth.js';

/**
 * A synthetic people-smuggling network with planted ground truth, for tests, fixtures and
 * benchmarks (real case data cannot be shipped). Pure: the same options give the same output,
 * every draw coming from one seeded generator in a fixed order.
 *
 * Planted: groups that split the stages of a route (recruitment, logistics, launch, money)
 * between them, organisers over each group, brokers across stage handovers and groups, procurers
 * buying boats and engines, money movers settling hawala-style chains, crossings with crews,
 * recruiters and migrants, and ~4% E-assessed noise. See `truth.ts` for the target ranking.
 */

export const PEOPLE_MIN = 100;
export const PEOPLE_MAX = 1_000_000;
export const INVESTIGATIONS_MAX = 100;
export const DUPLICATES_MAX = 0.2;
export const HOLD_OUT_MAX = 0.5;

export interface GenerateOptions {
  people: number;
  seed: number;
  /** How many investigations own the data (default: one for a small network, else one per two groups; at most one per corridor). */
  investigations?: number;
  /** Share of people loaded a second time as a variant record, with look-alikes beside them (default 0: none; see duplicates.ts). */
  duplicates?: number;
  /** Share of the pairs joined by a reported link whose links are left out, listed in truth.heldOut (default 0: none; see hold-out.ts). */
  holdOut?: number;
}

export interface GeneratedNetwork {
  document: IngestDocument;
  truth: Truth;
}

export function generateNetwork(options: GenerateOptions): GeneratedNetwork {
  const { people, seed, investigations, duplicates = 0, holdOut = 0 } = options;
  if (!Number.isInteger(people) || people < PEOPLE_MIN || people > PEOPLE_MAX) {
    throw new RangeError(`generator/network: people must be an integer from ${PEOPLE_MIN} to ${PEOPLE_MAX}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    throw new RangeError(`generator/network: seed must be an integer from 0 to ${SEED_MAX}`);
  }
  if (investigations !== undefined && (!Number.isInteger(investigations) || investigations < 1 || investigations > INVESTIGATIONS_MAX)) {
    throw new RangeError(`generator/network: investigations must be an integer from 1 to ${INVESTIGATIONS_MAX}`);
  }
  if (!(duplicates >= 0 && duplicates <= DUPLICATES_MAX)) throw new RangeError(`generator/network: duplicates must be a share from 0 to ${DUPLICATES_MAX}`);
  if (!(holdOut >= 0 && holdOut <= HOLD_OUT_MAX)) throw new RangeError(`generator/network: holdOut must be a share from 0 to ${HOLD_OUT_MAX}`);

  const build = createBuild(createRng(seed));
  castNetwork(build, people, investigations);
  bridgeBrokers(build);
  equipVehicles(build);
  openAccounts(build);
  placePeople(build);
  settle(build, launchCrossings(build));
  linkNetwork(build);
  addNoise(build);
  const familyPhones = addIdentifiers(build, seed);
  const planted = duplicates > 0 ? plantDuplicates(build, seed, duplicates, familyPhones) : undefined;

  const { records } = build;
  records.people.sort((a, b) => (a.id < b.id ? -1 : 1));
  const held = holdOut > 0 ? holdOutLinks(records.links, new Set(build.noise), seed, holdOut) : undefined;
  if (held) records.links = held.links;
  return {
    document: { investigations: build.investigations, ...records },
    truth: { ...plantedTruth(build, seed, people), ...planted, ...(held ? { heldOut: held.heldOut } : {}) },
  };
}
