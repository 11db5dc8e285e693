import type { SerializedAnalysisGraph } from '../../explorer/src/data/api-types.js';

/**
 * A small analysed graph as the JSON export writes it: two communities of people tied in a
 * chain through a broker (P3), an organisation, and a vessel that is not ranked.
 *
 *   P1 — P2 — P3 — P4 — P5      O1 — P2      V1 — P5
 *   (c1)  (c1)  (c1)  (c2)  (c2)  (c1)        (c2)
 */

const node = (key: string, community: string, rank: number | null, harmScore: number | null, label = key) => {
  const [type, id] = key.split(':') as [string, string];
  return {
    key,
    attributes: {
      label,
      type,
      id,
      community,
      rank,
      harmScore,
      degree: 1,
      strength: 1,
      pagerank: 0.1,
      betweenness: 0,
      closeness: 0,
      eigenvector: 0,
      participation: 0,
      articulationPoint: false,
    },
  };
};

const tie = (key: string, source: string, target: string, weight = 1) => ({ key, source, target, attributes: { weight, money: 0, kinds: 'communication:1' }, undirected: true });

export const SMALL_EXPORT: SerializedAnalysisGraph = {
  options: { type: 'undirected', multi: false, allowSelfLoops: true },
  attributes: {},
  nodes: [
    node('person:P1', 'c1', 3, 40, 'Hemin Rashid'),
    node('person:P2', 'c1', 2, 60, 'Henok Berhane'),
    node('person:P3', 'c1', 1, 90, 'Besnik Hoxha'),
    node('person:P4', 'c2', 4, 20, 'Élodie Durand'),
    node('person:P5', 'c2', 5, 10, 'Ahmed Hassan'),
    node('organisation:O1', 'c1', 6, 5, 'Blue Star Travel'),
    node('vessel:V1', 'c2', null, null, 'RIB-7'),
  ],
  edges: [
    tie('t0', 'person:P1', 'person:P2', 2),
    tie('t1', 'person:P2', 'person:P3', 3),
    tie('t2', 'person:P3', 'person:P4'),
    tie('t3', 'person:P4', 'person:P5'),
    tie('t4', 'organisation:O1', 'person:P2'),
    tie('t5', 'vessel:V1', 'person:P5'),
  ],
};
