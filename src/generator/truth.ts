import type { Build } from './context.js';
import type { PlantedRole, Truth } from './model.js';

/**
 * The ground truth of a generated network. Top targets are the organisers and brokers ranked by
 * what the generator planted, not by any measure computed on the output:
 *
 *   score = 4 × groups spanned + cells spanned + crossings organised / (1 + most organised)
 *
 * A broker who also deals with another group or corridor spans two groups, so the people whose
 * removal splits the network come first (Campana 2018: no single kingpin; the brokers between
 * stages matter most), then organisers of groups that work many stages; crossings organised only
 * break ties.
 */

export function plantedTruth(build: Build, seed: number, people: number): Truth {
  const organised = new Map<string, number>();
  for (const crossing of build.records.crossings) {
    for (const id of crossing.organisers ?? []) organised.set(id, (organised.get(id) ?? 0) + 1);
  }
  const most = Math.max(0, ...organised.values());
  const scores = new Map<string, number>();
  const score = (id: string, groups: number, cells: number) => scores.set(id, 4 * groups + cells + (organised.get(id) ?? 0) / (1 + most));

  for (const group of build.groups) for (const id of group.organisers) score(id, 1, group.stages.length);
  for (const broker of build.brokers) {
    const groups = new Set([broker.group, ...broker.bridges.map((b) => b.group)]);
    score(broker.id, groups.size, 1 + broker.bridges.length);
  }

  const roles: Record<string, PlantedRole> = {};
  for (const id of [...build.roles.keys()].sort()) roles[id] = build.roles.get(id)!;

  return {
    seed,
    people,
    groups: build.groups.map((group) => ({
      id: group.id,
      corridor: group.corridor.id,
      investigation: group.investigation,
      stages: group.stages,
      members: [...group.organisers, ...group.stages.flatMap((stage) => group.cells[stage]!)].sort(),
      organisers: group.organisers,
      brokers: group.brokers.map((b) => b.id),
    })),
    roles,
    topTargets: [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || (a < b ? -1 : 1)),
    noiseRecordIds: build.noise,
  };
}
