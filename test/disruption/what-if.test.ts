import { describe, expect, it } from 'vitest';

import { whatIf } from '../../src/disruption/what-if.js';
import { handNetwork, indexOf } from '../support/disruption.js';

const clique = (members: string[]) => members.flatMap((u, i) => members.slice(i + 1).map((v) => [u, v] as const));

describe('whatIf', () => {
  it('reports the state before and after, the money and crossings cut off and the likely replacement', async () => {
    // Two cells joined by two brokers: B (stronger: tied to two of each) and R, the understudy.
    const net = await handNetwork({
      ties: [...clique(['A1', 'A2', 'A3', 'A4']), ...clique(['C1', 'C2', 'C3', 'C4']), ['A1', 'B'], ['A2', 'B'], ['B', 'C1'], ['B', 'C2'], ['A3', 'R'], ['R', 'C3']],
      payments: [
        ['A4', 'B', 3000],
        ['C4', 'C3', 1000],
      ],
      crossings: { X1: ['B'], X2: ['B', 'R'], X3: ['C1'] },
    });
    const result = whatIf(net, [indexOf(net, 'B')], { seed: 1 });
    expect(result.removed.map((r) => r.key)).toEqual(['person:B']);
    expect(result.before).toMatchObject({ largestComponent: 10, components: 1, paymentVolumeConnected: 1, crossingsStopped: 0 });
    expect(result.after).toMatchObject({ largestComponent: 9, components: 1, paymentVolumeConnected: 0.25, crossingsStopped: 1, removed: 1 });
    expect(result.paymentVolumeCutOff.share).toBeCloseTo(0.75, 12);
    expect(result.paymentVolumeCutOff.currency).toBe('GBP');
    expect(result.crossingsStopped).toEqual({ count: 1, ids: ['X1'] });
    expect(result.likelyReplacement).toMatchObject({ key: 'person:R' });
    expect(result.likelyReplacement!.betweennessAfter).toBeGreaterThan(result.likelyReplacement!.betweennessBefore);
    expect(result.brokersAfter).toHaveLength(5);
    expect(result.betweenness).toEqual({ estimated: false, sources: 10 });
  });

  it('lists the communities that fall apart', async () => {
    // Two stars joined hub to hub: removing hub S leaves its community's leaves unconnected.
    const net = await handNetwork({ ties: [['S', 'T'], ...['S1', 'S2', 'S3'].map((l) => ['S', l] as const), ...['T1', 'T2', 'T3'].map((l) => ['T', l] as const)] });
    const s = indexOf(net, 'S');
    const result = whatIf(net, [s], { seed: 1 });
    const community = net.communities[net.ranking.community[s]!]!;
    expect(result.communitiesFallenApart).toEqual([{ id: community.id, size: community.size, membersLeft: community.size - 1 }]);
    expect(result.after.communitiesFallenApart).toBe(1);
    expect(whatIf(net, [], { seed: 1 }).after).toEqual(result.before);
  });
});
