import type { Build } from './context.js';
import { type BrokerPlan, type CorridorPlan, type GroupPlan, HANDOVERS, type Stage } from './model.js';

/**
 * Brokers: where one stage hands over to the next (recruits to the logistics crew, boats to the
 * launch crew, money to whoever pays for the launch) and another cell runs the next stage, a
 * broker of the upstream group carries the ties. Corridors hang together only through brokers
 * who also deal with a group of an earlier corridor, so the intact network is one component and
 * removing the brokers is what splits it.
 */

function addBridge(broker: BrokerPlan, group: GroupPlan, stage: Stage): void {
  const own = group === broker.group && stage === broker.home;
  if (own || broker.bridges.some((b) => b.group === group && b.stage === stage)) return;
  broker.bridges.push({ group, stage });
}

function leastBridged(brokers: readonly BrokerPlan[]): BrokerPlan {
  return brokers.reduce((best, b) => (b.bridges.length < best.bridges.length ? b : best));
}

export function bridgeBrokers(build: Build): void {
  const { rng } = build;
  build.corridors.forEach((corridor, c) => {
    for (const [from, to] of HANDOVERS) {
      const up = corridor.byStage[from];
      const broker = leastBridged(up.brokers);
      if (broker.bridges.length === 0) broker.home = from;
      else addBridge(broker, up, from);
      addBridge(broker, corridor.byStage[to], to);
    }
    for (const group of corridor.groups) {
      for (const broker of group.brokers.filter((b) => b.bridges.length === 0)) {
        const others = group.stages.filter((s) => s !== broker.home);
        if (others.length > 0) {
          addBridge(broker, group, rng.pick(others));
          continue;
        }
        let target = rng.pick(build.groups);
        while (target === group) target = rng.pick(build.groups);
        addBridge(broker, target, rng.pick(target.stages));
      }
    }
    if (c > 0) {
      const broker = rng.pick(corridor.groups.flatMap((g) => g.brokers));
      const earlier = rng.pick(build.corridors[rng.int(0, c - 1)]!.groups);
      addBridge(broker, earlier, rng.pick(earlier.stages));
    }
  });
  for (const broker of build.brokers) broker.group.cells[broker.home]!.push(broker.id);
}

/** The broker who carries a corridor's handover from one stage to the next. */
export function handoverBroker(corridor: CorridorPlan, from: Stage, to: Stage): BrokerPlan {
  const up = corridor.byStage[from];
  const down = corridor.byStage[to];
  const found = up.brokers.find((b) => b.bridges.some((bridge) => bridge.group === down && bridge.stage === to));
  return found ?? up.brokers[0]!;
}
