import { analyse } from '../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { type DisruptionNetwork, disruptionNetwork } from '../../src/disruption/network.js';

const GRADED = { se: 1, ia: 'A' } as const;

export interface HandNetwork {
  /** People tied by communications: five each unless a count is given (the same strength for every tie then). */
  ties: readonly (readonly [string, string] | readonly [string, string, number])[];
  /** Payments: payer, payee, amount in GBP. */
  payments?: readonly (readonly [string, string, number])[];
  /** Crossings and their organisers. */
  crossings?: Readonly<Record<string, readonly string[]>>;
  isolated?: readonly string[];
}

/** A people projection of a hand-made network, analysed with the engine's defaults, ready for the planner. */
export async function handNetwork(spec: HandNetwork, seed = 1): Promise<DisruptionNetwork> {
  const b = new PeopleProjectionBuilder();
  const people = new Set([
    ...spec.ties.flatMap(([a, c]) => [a, c]),
    ...(spec.payments ?? []).flatMap(([a, c]) => [a, c]),
    ...Object.values(spec.crossings ?? {}).flat(),
    ...(spec.isolated ?? []),
  ]);
  for (const id of people) b.node({ label: 'Person', id, name: id, unresolved: false });
  for (const [from, to, count = 5] of spec.ties) b.link({ from, to, type: 'COMMUNICATION', count, ...GRADED });
  (spec.payments ?? []).forEach(([payer, payee, amount], i) =>
    b.payment({ id: `PAY-${i}`, amount, currency: 'GBP', payers: [{ label: 'Person', id: payer }], payees: [{ label: 'Person', id: payee }], ...GRADED }),
  );
  for (const [id, organisers] of Object.entries(spec.crossings ?? {})) {
    b.crossing({
      id,
      passengers: 40,
      deaths: 0,
      injuries: 0,
      route: null,
      departedFrom: null,
      vessels: [],
      ...GRADED,
      participants: organisers.map((person) => ({ id: person, role: 'ORGANISED' as const, ...GRADED })),
    });
  }
  const projection = b.finish();
  return disruptionNetwork(projection, await analyse(projection, { seed }), seed);
}

export const keyOf = (net: DisruptionNetwork, node: number) => net.nodes[node]!.key;
export const indexOf = (net: DisruptionNetwork, id: string) => net.nodes.findIndex((node) => node.id === id);
