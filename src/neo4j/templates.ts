import { isEntityLabel, isRelationshipType } from '../model/graph-model.js';
import type { Queries } from './queries.js';

/**
 * Labels and relationship types cannot be Cypher parameters, so some queries are templates with
 * slots (`__LABEL__`, `__FROM__`, `__TO__`, `__TYPE__`). A slot is filled only with a value
 * from the graph-model whitelist, checked here; the filled text is cached per combination.
 */
export function createTemplates(queries: Queries) {
  const cache = new Map<string, string>();
  return (name: string, slots: Record<string, string>): string => {
    for (const [slot, value] of Object.entries(slots)) {
      const allowed = slot === '__TYPE__' ? isRelationshipType(value) : isEntityLabel(value);
      if (!allowed) throw new Error(`neo4j/templates: ${value} is not allowed in ${slot}`);
    }
    const key = `${name}|${Object.values(slots).join('|')}`;
    let text = cache.get(key);
    if (text === undefined) {
      const template = queries[name];
      if (template === undefined) throw new Error(`neo4j/templates: no query ${name}`);
      text = Object.entries(slots).reduce((q, [slot, value]) => q.replaceAll(slot, value), template);
      cache.set(key, text);
    }
    return text;
  };
}

export type Templates = ReturnType<typeof createTemplates>;
