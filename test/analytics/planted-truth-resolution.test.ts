import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { DEFAULT_THRESHOLD } from '../../src/resolution/linkage.js';
import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { taggedNetwork, TARGET_ROLES } from '../support/network.js';

/**
 * Entity resolution through the whole service, against the generator's planted truth. The
 * same network goes in twice: as generated, and with one person in ten loaded a second time (a
 * variant name, fewer fields, the ties split between the two ids; the generator draws the
 * duplicates from a stream of their own, so the rest is the same network). The candidates the
 * API lists at the default threshold are measured against the planted pairs (precision and
 * recall at least 0.9); the top ten with `resolution: auto` must keep at least eight of the clean
 * network's top ten (each person counted once: two records of one organiser in the top ten are
 * one person found, not two). Planted targets in each top ten are reported.
 */
describe('entity resolution against the planted truth', () => {
  let app: FastifyInstance;
  useTestApp({}, (a) => (app = a));

  it.each([
    [300, 11],
    [500, 23],
  ])('finds the planted duplicates, and the resolved ranking is the clean network’s (%i people, seed %i)', async (people, seed) => {
    const clean = taggedNetwork(people, seed, uniqueTag());
    const { document, truth } = taggedNetwork(people, seed, uniqueTag(), { duplicates: 0.1 });
    const planted = truth.duplicates!;
    expect(planted.length).toBeGreaterThan(people / 20);
    for (const network of [clean.document, document]) {
      const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: network as object });
      expect(loaded.statusCode, loaded.body).toBe(200);
    }

    const investigations = document.investigations.map((i) => i.id);
    const query = new URLSearchParams([...investigations.map((id) => ['investigations', id]), ['type', 'person'], ['limit', '500']]);
    const listed = await app.inject({ method: 'GET', url: `/v1/resolution/candidates?${query}` });
    expect(listed.statusCode, listed.body).toBe(200);
    const found = new Set((listed.json().items as { records: { id: string }[] }[]).map((c) => `${c.records[0]!.id}|${c.records[1]!.id}`));
    const wanted = new Set(planted.map((d) => [...d.records].sort().join('|')));
    const hits = [...found].filter((pair) => wanted.has(pair)).length;
    const [precision, recall] = [hits / found.size, hits / wanted.size];
    const lookAlikesListed = (truth.lookAlikes ?? []).filter((l) => found.has([...l.records].sort().join('|'))).length;

    // People by their planted id without the tag: a second record stands for its original.
    const original = new Map(planted.map((d) => [d.records[1], d.original]));
    const untag = (id: string) => id.slice(0, id.lastIndexOf('~'));
    const top10 = async (network: typeof document, resolution: string) => {
      const scope = { investigations: network.investigations.map((i) => i.id), resolution };
      const answer = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope } });
      expect(answer.statusCode, answer.body).toBe(200);
      const ranked = (answer.json().ranking as { type: string; id: string }[]).filter((n) => n.type === 'person').slice(0, 10);
      return new Set(ranked.map((n) => untag(original.get(n.id) ?? n.id)));
    };
    const roles = new Map(Object.entries(clean.truth.roles).map(([id, role]) => [untag(id), role]));
    const targets = (top: Set<string>) => [...top].filter((id) => TARGET_ROLES.has(roles.get(id) ?? '')).length / 10;
    const same = (a: Set<string>, b: Set<string>) => [...a].filter((id) => b.has(id)).length;

    const truthTop = await top10(clean.document, 'none');
    const asLoaded = await top10(document, 'none');
    const resolved = await top10(document, `auto:${DEFAULT_THRESHOLD}`);
    console.log(
      `resolution ${people}/${seed}: ${planted.length} planted pairs, ${found.size} listed at ${DEFAULT_THRESHOLD}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ` +
        `look-alikes listed ${lookAlikesListed}/${truth.lookAlikes?.length ?? 0}. Top 10 (people once) shared with the clean network's: as loaded ${same(asLoaded, truthTop)}, resolved ${same(resolved, truthTop)}; ` +
        `planted targets in it: clean ${targets(truthTop)}, as loaded ${targets(asLoaded)}, resolved ${targets(resolved)}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    // Merged, a person's ties reported by both sources count twice (two reports), so the resolved
    // top ten can differ from the clean network's by a place; it must not drift further.
    expect(same(resolved, truthTop)).toBeGreaterThanOrEqual(8);
  });
});
