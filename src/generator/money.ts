import { ibanOf } from '../model/identifiers.js';
import type { Account, Payment } from '../schemas/entities.js';
import { handoverBroker } from './bridges.js';
import { type Build, isoDay, nextId, provenance, relate } from './context.js';
import type { CorridorPlan } from './model.js';
import { digits, letters } from './names.js';

/**
 * Money: accounts, single payments, and the hawala-style chains that carry migrants' fees from
 * the money cell to the organisers who paid for the launch. Settlements between the same two
 * people repeat through the season, so they arrive as parallel relations (same pair, different
 * payment ids) that analytics must aggregate.
 */

type PartyRef = Payment['payer'];
type Channel = Payment['channel'];

/** Which account a channel runs through, when the payee holds one of that kind. */
const CHANNEL_ACCOUNT: Partial<Record<Channel, Account['kind']>> = {
  hawala: 'hawala',
  bank: 'bank',
  money_service_business: 'money_service_business',
};

export interface PaymentExtras {
  crossingId?: string;
  currency?: string;
  noise?: boolean;
}

export function pay(build: Build, payer: PartyRef, payee: PartyRef, amount: number, day: number, channel: Channel, investigation?: string, extras: PaymentExtras = {}): string {
  const { rng } = build;
  const kind = CHANNEL_ACCOUNT[channel];
  const account = kind && rng.chance(0.4) ? build.accountsOf.get(payee.id)?.find((a) => a.kind === kind) : undefined;
  const id = nextId(build, 'PAY', 6);
  build.records.payments.push({
    id,
    payer,
    payee: account ? { type: 'account', id: account.id } : payee,
    amount,
    currency: extras.currency ?? 'EUR',
    date: isoDay(day),
    channel,
    ...(extras.crossingId ? { crossingId: extras.crossingId } : {}),
    ...provenance(build, day, investigation, extras.noise),
  });
  return id;
}

function openAccount(build: Build, kind: Account['kind'], holder: PartyRef, identifier: string, investigation?: string): void {
  const id = nextId(build, 'ACC', 5);
  build.records.accounts.push({ id, kind, identifier, holders: [holder], ...provenance(build, build.rng.int(0, 400), investigation) });
  const held = build.accountsOf.get(holder.id) ?? [];
  held.push({ id, kind });
  build.accountsOf.set(holder.id, held);
}

/** An IBAN with valid check digits (loads refuse any other), written in groups of four as people write them. */
function iban(build: Build, country: string): string {
  const d = (n: number) => digits(build.rng, n);
  const draft = `${d(2)}${d(19)}`; // two draws kept where the check digits were, so the rest of the run is as before
  return ibanOf(country, draft.slice(2)).replace(/(.{4})(?=.)/g, '$1 ');
}

const MSB_NAMES = ['Express', 'Global', 'Sahra', 'Baran', 'Zagros', 'Unity', 'Crescent'];

/**
 * Money movers keep a hawala ledger (and sometimes a bank account); some organisers and brokers
 * bank; sellers take bank transfers; a quarter of the money cells run through a money service
 * business that employs one of the movers.
 */
export function openAccounts(build: Build): void {
  const { rng } = build;
  for (const seller of build.sellers) openAccount(build, 'bank', { type: 'organisation', id: seller }, iban(build, 'DE'));
  for (const group of build.groups) {
    const inv = group.investigation;
    for (const mover of group.cells.money ?? []) {
      if (build.roles.get(mover) !== 'money_mover') continue;
      openAccount(build, 'hawala', { type: 'person', id: mover }, `Ledger ${letters(rng, 2)}-${digits(rng, 4)}`, inv);
      if (rng.chance(0.3)) openAccount(build, 'bank', { type: 'person', id: mover }, iban(build, rng.pick(['FR', 'BE', 'GB'])), inv);
    }
    for (const id of group.organisers) if (rng.chance(0.5)) openAccount(build, 'bank', { type: 'person', id }, iban(build, rng.pick(['FR', 'GB', 'DE'])), inv);
    for (const { id } of group.brokers) if (rng.chance(0.2)) openAccount(build, 'bank', { type: 'person', id }, iban(build, rng.pick(['FR', 'BE'])), inv);

    const movers = group.cells.money?.filter((id) => build.roles.get(id) === 'money_mover') ?? [];
    if (movers.length === 0 || !rng.chance(0.25)) continue;
    const org = nextId(build, 'ORG', 4);
    build.records.organisations.push({
      id: org,
      name: `${rng.pick(MSB_NAMES)} Money Transfer Ltd`,
      kind: 'money_service_business',
      registration: digits(rng, 8),
      country: rng.pick(['GB', 'FR', 'BE']),
      ...provenance(build, rng.int(0, 300), inv),
    });
    const mover = rng.pick(movers);
    relate(build, 'employed_by', { type: 'person', id: mover }, { type: 'organisation', id: org }, rng.int(0, 300), inv);
    openAccount(build, 'money_service_business', { type: 'organisation', id: org }, `MSB-${digits(rng, 6)}`, inv);
    // The mover's own transfers run through the business's account.
    build.accountsOf.get(mover)?.push(build.accountsOf.get(org)![0]!);
  }
}

export interface Takings {
  corridor: CorridorPlan;
  total: number;
  crossings: number;
  /** The crossing counted last, so that each crossing counts once per mover. */
  last: string;
}

/**
 * Each money mover passes on what migrants paid in a few settlements: straight to an organiser
 * of the launch crew, or through the corridor's money broker when another group (or another
 * cell) runs the launch. Each hop keeps a cut.
 */
export function settle(build: Build, takings: ReadonlyMap<string, Takings>): void {
  const { rng } = build;
  for (const [mover, { corridor, total, crossings }] of takings) {
    const launch = corridor.byStage.launch;
    const viaBroker = corridor.byStage.money !== launch || rng.chance(0.5);
    const chain = [mover, ...(viaBroker ? [handoverBroker(corridor, 'money', 'launch').id] : []), rng.pick(launch.organisers)];
    const settlements = 1 + rng.poisson(Math.min(12, crossings / 2));
    for (let s = 0; s < settlements; s++) {
      const day = rng.int(corridor.start, corridor.end);
      let amount = Math.round((total * 0.85) / settlements / 100) * 100;
      for (let hop = 1; hop < chain.length; hop++, amount = Math.round((amount * 0.92) / 100) * 100) {
        const channel = rng.weighted<Channel>([
          ['hawala', 60],
          ['cash', 28],
          ['bank', 8],
          ['money_service_business', 4],
        ]);
        const payer = { type: 'person' as const, id: chain[hop - 1]! };
        pay(build, payer, { type: 'person', id: chain[hop]! }, amount, day + hop * rng.int(0, 3), channel, corridor.investigation);
      }
    }
  }
}
