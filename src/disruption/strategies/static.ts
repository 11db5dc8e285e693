import { byScore, fixed, type Strategy } from './types.js';

/**
 * Static lists: the top k candidates by a measure of the intact network, removed in that order
 * without looking again (what a ranking alone would suggest). Brokers first orders by the
 * communities a person bridges, then the participation coefficient, then betweenness: the
 * people between cells and route stages (Campana 2018: ties cluster by stage of the route).
 */

export const staticHarm: Strategy = (net, { k, paths }) => {
  const score = paths.harm;
  return byScore(net, score)
    .slice(0, k)
    .map((node, i) => ({ node, reason: `harm score ${fixed(score[node]!, 3)} (betweenness in ${paths.weights}), ${ordinal(i + 1)} on the list of the intact network` }));
};

export const staticBetweenness: Strategy = (net, { k, paths }) => {
  const { betweenness } = paths;
  return byScore(net, betweenness)
    .slice(0, k)
    .map((node, i) => ({
      node,
      reason: `betweenness in ${paths.weights} ${fixed(betweenness[node]!)}${paths.estimated ? ' (estimated)' : ''}, ${ordinal(i + 1)} in the intact network`,
    }));
};

export const staticDegree: Strategy = (net, { k }) => {
  const { degree } = net.ranking.measures;
  return byScore(net, degree)
    .slice(0, k)
    .map((node, i) => ({ node, reason: `tied to ${degree[node]} others, ${ordinal(i + 1)} by degree in the intact network` }));
};

export const staticPagerank: Strategy = (net, { k }) => {
  const { pagerank } = net.ranking.measures;
  return byScore(net, pagerank)
    .slice(0, k)
    .map((node, i) => ({ node, reason: `PageRank ${fixed(pagerank[node]!)}, ${ordinal(i + 1)} in the intact network` }));
};

export const brokersFirst: Strategy = (net, { k }) => {
  const { communitiesBridged, participation, betweenness } = net.ranking.measures;
  const order: number[] = [];
  for (let v = 0; v < net.csr.n; v++) if (net.candidate[v]) order.push(v);
  order.sort((a, b) => communitiesBridged[b]! - communitiesBridged[a]! || participation[b]! - participation[a]! || betweenness[b]! - betweenness[a]! || a - b);
  return order.slice(0, k).map((node) => ({
    node,
    reason:
      communitiesBridged[node]! > 0
        ? `bridges their community to ${communitiesBridged[node]} other${communitiesBridged[node] === 1 ? '' : 's'} (participation ${fixed(participation[node]!, 3)})`
        : `bridges no communities; next by betweenness ${fixed(betweenness[node]!)}`,
  }));
};

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
