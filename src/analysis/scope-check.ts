import { visibleInvestigations } from '../auth/principal.js';
import { RequestRejectedError } from '../errors.js';

/**
 * A request's named investigations as the caller may have them. Each named investigation that is
 * not one the caller can see, because it does not exist or because it is not assigned to them
 * (the two are told apart for nobody: that would say what exists), is left out with a warning;
 * when none is left there is nothing to compute and the request is refused with 400 naming each,
 * never answered with an empty 200. `strict` refuses any such name (runs, which are stored and
 * reused). Left out, a scope is every investigation the caller may see (null: all).
 */
export async function limitScope<S extends { investigations?: string[] }>(
  scope: S,
  allowed: readonly string[] | null,
  known: (ids: string[]) => Promise<string[]>,
  strict = false,
  path = 'body.scope.investigations',
): Promise<{ scope: S; warnings: string[] }> {
  const named = scope.investigations;
  if (!named) {
    const warnings = allowed?.length === 0 ? ['no investigations are assigned to you: the scope is empty'] : [];
    return { scope: { ...scope, investigations: visibleInvestigations(allowed, undefined) }, warnings };
  }
  const visible = visibleInvestigations(allowed, named)!;
  const found = new Set(visible.length === 0 ? [] : await known([...new Set(visible)]));
  const missing = named.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  const problem = (id: string) => `${id} is not an investigation you can see (there is none, or it is not assigned to you)`;
  if (missing.length > 0 && (strict || missing.length === named.length)) {
    throw new RequestRejectedError(
      strict ? 'the scope names investigations you cannot see' : 'none of the investigations in the scope is one you can see',
      missing.map(({ id, i }) => ({ path: `${path}[${i}]`, message: problem(id) })),
    );
  }
  return {
    scope: { ...scope, investigations: named.filter((id) => found.has(id)) },
    warnings: missing.map(({ id, i }) => `${path.replace(/^body\./, '')}[${i}]: ${problem(id)}; left out`),
  };
}
