import { typeOfLabel } from '../model/graph-model.js';
import type { SearchHit } from '../schemas/entity-views.js';

type Props = Record<string, unknown>;

export interface RawHit {
  label: string;
  id: string;
  score: number;
  /** The copies the caller may see, latest recorded first. */
  copies: Props[];
  latestRank: { rank: number; score: number | null; runId: string } | null;
}

const first = <T>(copies: Props[], field: string): T | null => (copies.find((c) => c[field] != null)?.[field] as T | undefined) ?? null;
const union = (copies: Props[], field: string): string[] => [...new Set(copies.flatMap((c) => (Array.isArray(c[field]) ? (c[field] as string[]) : [])))];
const text = (value: unknown) => (value == null ? null : String(value));

/**
 * A display label for an entity: its name, or for one without (engines, most boats) what
 * identifies it: kind, make and model, then registration, serial or plate.
 */
export function displayLabel(type: string, id: string, copies: Props[]): string {
  const name = first<string>(copies, 'name');
  if (name) return name;
  if (type === 'vessel') {
    const parts = [first<string>(copies, 'kind'), first<string>(copies, 'make'), first<string>(copies, 'model')].filter(Boolean);
    const mark = first<string>(copies, 'registration') ?? first<string>(copies, 'engineSerial') ?? first<string>(copies, 'plate') ?? first<string>(copies, 'hullId');
    if (parts.length > 0 || mark) return [parts.join(' '), mark].filter(Boolean).join(' ');
  }
  if (type === 'account') return [first<string>(copies, 'kind'), first<string>(copies, 'identifier')].filter(Boolean).join(' ') || id;
  if (type === 'crossing' || type === 'payment') return `${type} ${id}${first(copies, 'date') ? ` of ${text(first(copies, 'date'))}` : ''}`;
  return id;
}

/** One hit from its visible copies merged: lists unioned, the first non-null value of the latest recorded copy. */
export function searchHit(hit: RawHit): SearchHit {
  const type = typeOfLabel(hit.label);
  const { copies } = hit;
  return {
    type,
    id: hit.id,
    label: displayLabel(type, hit.id, copies),
    name: first<string>(copies, 'name'),
    kind: first<string>(copies, 'kind'),
    unresolved: copies.every((c) => c.unresolved === true),
    ...(type === 'person'
      ? { nationality: first<string>(copies, 'nationality'), dateOfBirth: text(first(copies, 'dateOfBirth')), aliases: union(copies, 'aliases'), roles: union(copies, 'roles') }
      : {}),
    identifiers: union(copies, 'identifierKeys'),
    investigations: [...new Set(copies.map((c) => c.investigation as string).filter(Boolean))].sort(),
    latestRank: hit.latestRank,
    score: hit.score,
  };
}

/** What a neighbourhood node shows of an entity, from its copies the caller may see. */
export function nodeFacts(type: string, id: string, copies: Props[]) {
  return {
    label: displayLabel(type, id, copies),
    kind: first<string>(copies, 'kind'),
    ...(type === 'person' ? { roles: union(copies, 'roles') } : {}),
    identifiers: union(copies, 'identifierKeys'),
    ...(type === 'vessel'
      ? { registration: first<string>(copies, 'registration'), engineSerial: first<string>(copies, 'engineSerial'), plate: first<string>(copies, 'plate') }
      : {}),
    ...(type === 'account' ? { identifier: first<string>(copies, 'identifier') } : {}),
  };
}
