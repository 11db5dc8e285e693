/**
 * Who is asking, and what they may do. Four roles: `viewer` reads rankings and entities;
 * `analyst` also runs analyses, disruption plans and exports; `ingest` loads data; `admin` does
 * everything, keys, audit and erasure included. A principal also only sees the investigations
 * it is assigned (`*`: all): outside them, entities, runs and neighbourhoods do not exist for
 * it, and its analyses only see data inside them.
 */

export const ROLES = ['viewer', 'analyst', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs. Every /v1 route declares one (plugins/auth.ts refuses to start otherwise). */
export const PERMISSIONS = ['read', 'analyse', 'ingest', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'analyse'],
  ingest: ['ingest'],
  admin: ['read', 'analyse', 'ingest', 'admin'],
};

export const ALL_INVESTIGATIONS = '*';

export interface Principal {
  /** `key:<id>` or `jwt:<issuer>:<subject>`. */
  id: string;
  name: string;
  role: Role;
  /** Investigation ids, or ['*'] for all. */
  investigations: readonly string[];
}

export function can(principal: Principal, permission: Permission): boolean {
  return GRANTS[principal.role].includes(permission);
}

/** The investigations a principal may see, or null for all of them (what Cypher's `$allowed` takes). */
export function allowedInvestigations(principal: Principal): string[] | null {
  return principal.investigations.includes(ALL_INVESTIGATIONS) ? null : [...principal.investigations];
}

/**
 * A request's investigations as a principal may have them: all of its own when none are named,
 * only those it is assigned of those named (the others are as if they did not exist; none left
 * means an empty scope, never "everything").
 */
export function scopedInvestigations(principal: Principal, named: readonly string[] | undefined): string[] | undefined {
  return visibleInvestigations(allowedInvestigations(principal), named);
}

/** scopedInvestigations from the investigations a principal may see (allowedInvestigations: null for all). */
export function visibleInvestigations(allowed: readonly string[] | null, named: readonly string[] | undefined): string[] | undefined {
  if (allowed === null) return named ? [...named] : undefined;
  if (!named) return [...allowed];
  return named.filter((id) => allowed.includes(id));
}
