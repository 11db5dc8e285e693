import type { Rng } from '../shared/rng.js';

/**
 * Name and place pools. Names repeat at scale on purpose: real case data is full of people who
 * share a name, and entity resolution must not lean on names being unique.
 */

const NAMES: Record<string, { given: readonly string[]; family: readonly string[] }> = {
  IQ: {
    given: ['Karwan', 'Dler', 'Rebwar', 'Hemin', 'Shwan', 'Aram', 'Bawan', 'Sirwan', 'Hawre', 'Zana', 'Soran', 'Rawand'],
    family: ['Ahmed', 'Mohammed', 'Aziz', 'Karim', 'Rashid', 'Hussein', 'Omar', 'Salih', 'Qadir', 'Hama'],
  },
  IR: {
    given: ['Reza', 'Amir', 'Hossein', 'Mehdi', 'Saeed', 'Behzad', 'Arash', 'Kaveh', 'Farhad', 'Navid'],
    family: ['Ahmadi', 'Karimi', 'Rahimi', 'Hosseini', 'Moradi', 'Rezaei', 'Jafari', 'Sadeghi'],
  },
  AF: {
    given: ['Ahmad', 'Mohammad', 'Farid', 'Naweed', 'Jawad', 'Hamid', 'Rahim', 'Sami', 'Wahid', 'Zabihullah'],
    family: ['Hakimi', 'Noori', 'Popal', 'Safi', 'Stanikzai', 'Amiri', 'Rahmani', 'Wardak'],
  },
  ER: {
    given: ['Yonas', 'Dawit', 'Filmon', 'Henok', 'Semere', 'Tesfay', 'Merhawi', 'Aklilu', 'Selam', 'Senait'],
    family: ['Tekle', 'Haile', 'Gebre', 'Berhane', 'Tesfamariam', 'Kidane', 'Woldu'],
  },
  SD: {
    given: ['Mohamed', 'Osman', 'Abdelrahman', 'Musa', 'Adam', 'Ibrahim', 'Yousif', 'Hassan', 'Amna'],
    family: ['Abdalla', 'Elamin', 'Ishag', 'Babiker', 'Elnour', 'Adam', 'Suliman'],
  },
  SY: {
    given: ['Omar', 'Khaled', 'Ahmad', 'Mahmoud', 'Rami', 'Bilal', 'Yaman', 'Hala', 'Lina'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Darwish', 'Sabbagh', 'Najjar', 'Kurdi'],
  },
  VN: {
    given: ['Minh', 'Tuan', 'Duc', 'Hung', 'Long', 'Thanh', 'Quang', 'Lan', 'Hoa'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui'],
  },
  AL: {
    given: ['Arben', 'Besnik', 'Dritan', 'Ermal', 'Fatjon', 'Gentian', 'Klodian', 'Olsi', 'Sokol'],
    family: ['Hoxha', 'Shehu', 'Krasniqi', 'Gashi', 'Dervishi', 'Leka', 'Bajrami', 'Kola'],
  },
};

export const MIGRANT_NATIONALITIES = [
  ['IQ', 20],
  ['IR', 14],
  ['AF', 22],
  ['ER', 11],
  ['SD', 11],
  ['SY', 9],
  ['VN', 7],
  ['AL', 6],
] as const;
export const FACILITATOR_NATIONALITIES = [
  ['IQ', 42],
  ['IR', 10],
  ['AF', 12],
  ['AL', 16],
  ['VN', 6],
  ['ER', 5],
  ['SD', 4],
  ['SY', 5],
] as const;

const ALIASES = ['Kaka', 'Doctor', 'Haji', 'Mamosta', 'the Kurd', 'Captain', 'Sheikh', 'Bradar', 'Professor', 'Shofer', 'Baba', 'Zirak'];

export function personName(rng: Rng, nationality: string): string {
  const pool = NAMES[nationality] ?? NAMES.IQ!;
  const family = rng.pick(pool.family);
  // Reports often carry only an initial for the family name.
  return `${rng.pick(pool.given)} ${rng.chance(0.3) ? `${family[0]}.` : family}`;
}

export function alias(rng: Rng): string {
  return rng.pick(ALIASES);
}

export const letters = (rng: Rng, n: number): string => Array.from({ length: n }, () => String.fromCharCode(65 + rng.int(0, 25))).join('');
export const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');

export interface Place {
  name: string;
  country: string;
  latitude: number;
  longitude: number;
}

const place = (name: string, country: string, latitude: number, longitude: number): Place => ({ name, country, latitude, longitude });

export const LAUNCH_BEACHES: readonly Place[] = [
  place('Gravelines beach', 'FR', 51.008, 2.108),
  place('Malo-les-Bains beach', 'FR', 51.051, 2.403),
  place('Bray-Dunes beach', 'FR', 51.082, 2.523),
  place('Blériot-Plage', 'FR', 50.962, 1.834),
  place('Sangatte beach', 'FR', 50.946, 1.751),
  place('Wissant beach', 'FR', 50.887, 1.661),
  place('Wimereux beach', 'FR', 50.768, 1.606),
  place('Le Portel beach', 'FR', 50.707, 1.569),
  place('Equihen-Plage', 'FR', 50.678, 1.567),
  place('Hardelot beach', 'FR', 50.636, 1.579),
  place('Berck beach', 'FR', 50.407, 1.559),
  place('De Panne beach', 'BE', 51.101, 2.585),
];

export const LANDING_AREAS: readonly Place[] = [
  place('Dungeness', 'GB', 50.913, 0.976),
  place('Folkestone harbour', 'GB', 51.078, 1.185),
  place('Dover western docks', 'GB', 51.118, 1.306),
  place('Hythe beach', 'GB', 51.068, 1.084),
  place('Deal beach', 'GB', 51.222, 1.403),
  place('Camber Sands', 'GB', 50.933, 0.797),
];

export const RECRUITMENT_CITIES: readonly Place[] = [
  place('Calais', 'FR', 50.951, 1.858),
  place('Dunkirk', 'FR', 51.034, 2.377),
  place('Grande-Synthe', 'FR', 51.014, 2.302),
  place('Lille', 'FR', 50.629, 3.057),
  place('Paris', 'FR', 48.857, 2.352),
  place('Brussels', 'BE', 50.85, 4.352),
];

export const WAREHOUSE_CITIES: readonly Place[] = [
  place('Essen', 'DE', 51.456, 7.012),
  place('Duisburg', 'DE', 51.434, 6.762),
  place('Dortmund', 'DE', 51.514, 7.468),
  place('Osnabrück', 'DE', 52.279, 8.047),
  place('Rotterdam', 'NL', 51.924, 4.478),
  place('Antwerp', 'BE', 51.219, 4.402),
];

/** A point a few kilometres from a place: safe houses and dunes are near, not at, the named spot. */
export function near(rng: Rng, at: Place, km: number): { latitude: number; longitude: number } {
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    latitude: round(at.latitude + ((rng.next() - 0.5) * 2 * km) / 111),
    longitude: round(at.longitude + ((rng.next() - 0.5) * 2 * km) / 70),
  };
}

export const OPERATION_NAMES = [
  'Tide',
  'Kestrel',
  'Shingle',
  'Harbour',
  'Lantern',
  'Breakwater',
  'Gannet',
  'Sandbar',
  'Driftwood',
  'Beacon',
  'Cormorant',
  'Undertow',
  'Saltmarsh',
  'Headland',
  'Anchor',
  'Estuary',
  'Tern',
  'Seawall',
  'Riptide',
  'Longshore',
];
