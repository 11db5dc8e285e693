import type { Location } from '../schemas/entities.js';
import { type Build, nextId, provenance } from './context.js';
import type { Stage } from './model.js';
import { LANDING_AREAS, LAUNCH_BEACHES, near, type Place, RECRUITMENT_CITIES, WAREHOUSE_CITIES } from './names.js';

/**
 * Where a network works: launch beaches, landing areas and cities are shared by every corridor
 * that uses them (the coast is the same coast), while staging areas, safe houses and warehouses
 * belong to one corridor or group. Boat sellers are shared suppliers too.
 */

function addLocation(build: Build, kind: Location['kind'], name: string, country: string, at: { latitude: number; longitude: number }, investigation?: string): string {
  const id = nextId(build, 'L', 4);
  build.records.locations.push({ id, name, kind, country, ...at, ...provenance(build, build.rng.int(0, 200), investigation) });
  return id;
}

/** One location per named place, however many corridors use it. */
function sharedLocation(build: Build, kind: Location['kind'], place: Place): string {
  const key = `location:${kind}:${place.name}`;
  let id = build.shared.get(key);
  if (id === undefined) {
    id = addLocation(build, kind, place.name, place.country, { latitude: place.latitude, longitude: place.longitude });
    build.shared.set(key, id);
  }
  return id;
}

export function recruitmentCity(build: Build): string {
  return sharedLocation(build, 'city', build.rng.pick(RECRUITMENT_CITIES));
}

export interface CorridorSites {
  staging: string;
  beaches: string[];
  seaRoutes: string[];
}

/** A corridor launches from one or two beaches near its staging area, towards one landing area. */
export function siteCorridor(build: Build, investigation: string): CorridorSites {
  const { rng } = build;
  const beachPlaces = rng.sample(LAUNCH_BEACHES, rng.int(1, 2));
  const landingPlace = rng.pick(LANDING_AREAS);
  const landing = sharedLocation(build, landingPlace.name.includes('harbour') || landingPlace.name.includes('docks') ? 'port' : 'beach', landingPlace);
  const first = beachPlaces[0] as Place;
  const staging = addLocation(build, 'staging_area', `Dunes near ${first.name}`, first.country, near(rng, first, 3), investigation);
  const beaches = beachPlaces.map((place) => sharedLocation(build, 'beach', place));
  const seaRoutes = beachPlaces.map((place, i) => {
    const id = nextId(build, 'R', 4);
    build.records.routes.push({
      id,
      name: `${place.name} to ${landingPlace.name}`,
      kind: 'sea',
      departsFrom: beaches[i] as string,
      arrivesAt: landing,
      ...provenance(build, rng.int(0, 300), investigation),
    });
    return id;
  });
  return { staging, beaches, seaRoutes };
}

export interface GroupSites {
  safeHouse: string;
  warehouse?: string;
}

/**
 * Every group keeps a safe house; a logistics group also stores boats and engines in a
 * warehouse inland (often Germany) and runs a land route from there to the coast.
 */
export function siteGroup(build: Build, stages: readonly Stage[], corridor: CorridorSites, investigation: string): GroupSites {
  const { rng } = build;
  const city = rng.pick(RECRUITMENT_CITIES);
  const safeHouse = addLocation(build, 'safe_house', `Flat in ${city.name}`, city.country, near(rng, city, 4), investigation);
  if (!stages.includes('logistics')) return { safeHouse };

  const depot = rng.pick(WAREHOUSE_CITIES);
  const warehouse = addLocation(build, 'warehouse', `Lock-up in ${depot.name}`, depot.country, near(rng, depot, 6), investigation);
  build.records.routes.push({
    id: nextId(build, 'R', 4),
    name: `${depot.name} to the coast`,
    kind: 'land',
    departsFrom: warehouse,
    arrivesAt: corridor.staging,
    via: [sharedLocation(build, 'city', city)],
    ...provenance(build, rng.int(0, 300), investigation),
  });
  return { safeHouse, warehouse };
}

const SELLERS = [
  ['Nautic Trade GmbH', 'DE'],
  ['Wassersport Handel GmbH', 'DE'],
  ['Rhein Boote GmbH', 'DE'],
  ['Marine Supply BV', 'NL'],
  ['Deniz Bot Ticaret Ltd', 'TR'],
  ['Ege Marin Ltd', 'TR'],
  ['Black Sea Boats EOOD', 'BG'],
  ['Ningbo Inflatables Co', 'CN'],
] as const;

/**
 * Boat and engine sellers are few and supply many groups: one seller per ~8 groups, each
 * group buying from one or two of them.
 */
export function pickSuppliers(build: Build, groupIndex: number): string[] {
  const { rng, sellers } = build;
  while (sellers.length <= groupIndex / 8) {
    const n = sellers.length;
    const [name, country] = SELLERS[n % SELLERS.length] as (typeof SELLERS)[number];
    const id = nextId(build, 'ORG', 4);
    build.records.organisations.push({
      id,
      name: n < SELLERS.length ? name : `${name} (${Math.floor(n / SELLERS.length) + 1})`,
      kind: 'boat_seller',
      registration: `HRB ${rng.int(10_000, 99_999)}`,
      country,
      ...provenance(build, rng.int(0, 200)),
    });
    sellers.push(id);
  }
  // Recent sellers only, so that suppliers spread over the groups instead of one seller serving all.
  return rng.sample(sellers.slice(-3), rng.int(1, 2));
}
