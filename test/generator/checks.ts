import type { IngestDocument } from '../../src/schemas/ingest.js';

/**
 * Whole-document checks for generated networks: which references point at nothing, and the
 * component sizes of the person graph (links, person-to-person payments, crossing crews).
 */

type Ref = { type: string; id: string };

function idsByKind(document: IngestDocument): Record<string, Set<string>> {
  const ids = (records: { id: string }[] | undefined) => new Set((records ?? []).map((r) => r.id));
  return {
    person: ids(document.people),
    organisation: ids(document.organisations),
    vessel: ids(document.vessels),
    location: ids(document.locations),
    route: ids(document.routes),
    crossing: ids(document.crossings),
    account: ids(document.accounts),
    payment: ids(document.payments),
  };
}

/** Every reference that names no record of its kind, as `where -> kind:id`. */
export function danglingReferences(document: IngestDocument): string[] {
  const known = idsByKind(document);
  const investigations = new Set(document.investigations.map((i) => i.id));
  const problems: string[] = [];
  const check = (where: string, kind: string, id: string | undefined) => {
    if (id !== undefined && !known[kind]?.has(id)) problems.push(`${where} -> ${kind}:${id}`);
  };
  const checkRef = (where: string, ref: Ref) => check(where, ref.type, ref.id);

  for (const r of document.routes ?? []) {
    check(r.id, 'location', r.departsFrom);
    check(r.id, 'location', r.arrivesAt);
    for (const id of r.via ?? []) check(r.id, 'location', id);
  }
  for (const x of document.crossings ?? []) {
    check(x.id, 'route', x.routeId);
    check(x.id, 'location', x.departedFrom);
    for (const id of x.vesselIds ?? []) check(x.id, 'vessel', id);
    for (const id of [...(x.organisers ?? []), ...(x.pilots ?? []), ...(x.recruiters ?? []), ...(x.travellers ?? [])]) check(x.id, 'person', id);
  }
  for (const a of document.accounts ?? []) for (const h of a.holders ?? []) checkRef(a.id, h);
  for (const p of document.payments ?? []) {
    checkRef(p.id, p.payer);
    checkRef(p.id, p.payee);
    check(p.id, 'crossing', p.crossingId);
  }
  for (const l of document.links ?? []) {
    check(l.id, 'person', l.from);
    check(l.id, 'person', l.to);
  }
  for (const r of document.relations ?? []) {
    checkRef(r.id, r.from);
    checkRef(r.id, r.to);
  }
  for (const records of Object.values(document)) {
    if (!Array.isArray(records)) continue;
    for (const r of records as { id: string; investigations?: string[] }[]) {
      for (const id of r.investigations ?? []) if (!investigations.has(id)) problems.push(`${r.id} -> investigation:${id}`);
    }
  }
  return problems;
}

/**
 * Component sizes (largest first, people only) of the person graph without the `excluded`
 * records and the `removed` people. A crossing is a node of its own joining its crew and
 * travellers, so removing an organiser does not erase the crossing.
 */
export function personComponents(document: IngestDocument, excluded: ReadonlySet<string>, removed: ReadonlySet<string> = new Set()): number[] {
  const holder = new Map((document.accounts ?? []).map((a) => [a.id, a.holders?.find((h) => h.type === 'person')?.id]));
  const adjacency = new Map<string, string[]>();
  const neighbours = (id: string) => adjacency.get(id) ?? adjacency.set(id, []).get(id)!;
  const tie = (a: string | undefined, b: string | undefined) => {
    if (a === undefined || b === undefined || a === b || removed.has(a) || removed.has(b)) return;
    neighbours(a).push(b);
    neighbours(b).push(a);
  };
  for (const l of document.links ?? []) if (!excluded.has(l.id)) tie(l.from, l.to);
  for (const p of document.payments ?? []) {
    if (excluded.has(p.id) || p.payer.type !== 'person') continue;
    tie(p.payer.id, p.payee.type === 'person' ? p.payee.id : p.payee.type === 'account' ? holder.get(p.payee.id) : undefined);
  }
  for (const x of document.crossings ?? []) {
    for (const id of [...(x.organisers ?? []), ...(x.pilots ?? []), ...(x.recruiters ?? []), ...(x.travellers ?? [])]) tie(`crossing:${x.id}`, id);
  }

  const seen = new Set<string>();
  const sizes: number[] = [];
  for (const { id } of document.people ?? []) {
    if (removed.has(id) || seen.has(id)) continue;
    seen.add(id);
    const stack = [id];
    let size = 0;
    for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
      if (!at.startsWith('crossing:')) size++;
      for (const next of neighbours(at)) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    sizes.push(size);
  }
  return sizes.sort((a, b) => b - a);
}
