/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * The explorer's layers, ties and labels in headless Chromium against the real service: the
 * demo network's vessels, crossings, payments and places drawn on request, as many of each as
 * the API says the run's scope holds (and as the fixture file holds, graded into the scope);
 * a tie under the pointer says what the API says of it; the labels drawn never overlap and
 * include the top targets'. Screenshots go to test-artefacts/explorer/layers/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LAYER_TYPES: Record<string, string[]> = { vessels: ['vessel'], crossings: ['crossing'], payments: ['payment', 'account'], places: ['location', 'route'] };

describe('the explorer’s layers, ties and labels', () => {
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let context: Json;
  let exported: Json;

  const hook = () => session.hook();
  const layers = async () => (await hook()).layers!;
  const toggle = async (id: string, on: boolean) => {
    await page.setChecked(`#layer-${id}`, on);
    await page.waitForFunction(([layer, want]) => window.__explorer.layers?.on.includes(layer as string) === want, [id, on] as const);
  };

  beforeAll(async () => {
    session = await startExplorerSession('layers');
    ({ page, run } = session);
    const answer = await session.asAnalyst('GET', `/v1/analyses/${run.id}/context`);
    expect(answer.statusCode, answer.body).toBe(200);
    context = answer.json();
    exported = JSON.parse((await session.asAnalyst('GET', `/v1/analyses/${run.id}/export?format=json`)).body);
    await session.signInAndOpen();
    // The demo network is loaded and analysed first: slow on a busy two-core machine.
  }, 600_000);

  afterAll(async () => {
    await session?.close();
  });

  it('draws people and organisations only by default, and says the layers are context', async () => {
    const now = await layers();
    expect(now.on).toEqual([]);
    const byType: Record<string, number> = {};
    for (const node of exported.graph.nodes) byType[node.attributes.type] = (byType[node.attributes.type] ?? 0) + 1;
    expect(now.drawnByType).toEqual(byType);
    expect(Object.keys(now.drawnByType).sort()).toEqual(['organisation', 'person']);
    expect(now.directedTies).toBe(0);
    expect(await page.textContent('#layers')).toContain('Context only: the ranking, communities and what-if are over the people and organisations.');
    await session.shot('people-only');
  });

  it('holds in the API as many of each context type as the fixture file has graded into the scope', async () => {
    const fixture = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'fixtures', 'small', 'network.json'), 'utf8')) as Json;
    const kept = (list: Json[]) => list.filter((x) => x.grading.intelligenceAssessment <= 'D').length;
    expect(context.counts).toEqual({
      vessel: kept(fixture.vessels),
      crossing: kept(fixture.crossings),
      payment: kept(fixture.payments),
      account: kept(fixture.accounts),
      location: kept(fixture.locations),
      route: kept(fixture.routes),
    });
  });

  it('draws every vessel, crossing, payment and place the API says the scope holds, with directed ties', async () => {
    for (const id of Object.keys(LAYER_TYPES)) await toggle(id, true);
    const now = await layers();
    for (const types of Object.values(LAYER_TYPES)) for (const type of types) expect(now.drawnByType[type] ?? 0, type).toBe(context.counts[type]);
    expect(now.drawnByType.person).toBeGreaterThan(0);
    // Every context relation between drawn ends is drawn (parallel ones between the same pair as one tie), all but the undirected ones with an arrow.
    const drawn = new Set([...exported.graph.nodes.map((n: Json) => n.key), ...context.nodes.map((n: Json) => n.key)]);
    const pairs = new Set(context.relations.filter((r: Json) => drawn.has(r.source) && drawn.has(r.target)).map((r: Json) => [r.source, r.target].sort().join('|')));
    expect(now.drawnTies).toBe(exported.graph.edges.length + pairs.size);
    expect(now.directedTies).toBeGreaterThan(0.9 * pairs.size);
    expect(now.directedTies).toBeLessThanOrEqual(pairs.size);
    for (const id of Object.keys(LAYER_TYPES))
      expect(await page.textContent(`label[for=layer-${id}] + span`)).toBe(` (${LAYER_TYPES[id]!.reduce((s, t) => s + context.counts[t], 0)})`);
    await session.shot('all-layers');
  });

  it('removes exactly a layer’s entities when it is switched off, and brings them back', async () => {
    const before = await layers();
    await toggle('payments', false);
    const after = await layers();
    const expected = { ...before.drawnByType };
    delete expected.payment;
    delete expected.account;
    expect(after.drawnByType).toEqual(expected);
    expect(after.drawnTies).toBeLessThan(before.drawnTies);
    await toggle('payments', true);
    expect((await layers()).drawnByType).toEqual(before.drawnByType);
  });

  it('says what a tie under the pointer is: its kind, count, dates and amount, as the API has it', async () => {
    const sample = (await layers()).sampleTie!;
    expect(sample).not.toBeNull();
    // Room enough around its middle that the pointer there is on this tie alone.
    expect(sample.room, JSON.stringify(sample)).toBeGreaterThan(4);
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + sample.x - 3, box.y + sample.y - 3);
    await page.mouse.move(box.x + sample.x, box.y + sample.y, { steps: 3 });
    await page.waitForFunction(() => !!window.__explorer.hoveredTie);
    const tie = (await hook()).hoveredTie!;
    // The tooltip is the sampled tie's.
    expect(tie.key).toBe(sample.key);
    const behind = context.relations.filter((r: Json) => [r.source, r.target].sort().join('|') === [tie.source, tie.target].sort().join('|'));
    expect(behind.length).toBeGreaterThan(0);
    expect(tie.kind.split(', ').sort()).toEqual(behind.map((r: Json) => r.type.toLowerCase().replace(/_/g, ' ')).sort());
    expect(tie.count).toBe(behind.reduce((s: number, r: Json) => s + r.count, 0));
    const dates = behind
      .flatMap((r: Json) => [r.firstSeen, r.lastSeen])
      .filter((d: string | null) => d !== null)
      .sort();
    expect(tie.firstSeen).toBe(dates[0] ?? null);
    expect(tie.lastSeen).toBe(dates.at(-1) ?? null);
    expect(tie.amount).toBe(behind[0].amount);
    const text = await page.textContent('#tie-tooltip');
    expect(await page.isVisible('#tie-tooltip')).toBe(true);
    expect(text).toContain(`${tie.count} relation`);
    if (tie.firstSeen) expect(text).toContain(tie.firstSeen);
    await session.shot('tie-hovered');
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.waitForFunction(() => window.__explorer.hoveredTie === null);
  });

  it('draws labels that never overlap, the top targets’ and the selection’s among them', async () => {
    const top = (await session.asAnalyst('GET', `/v1/analyses/${run.id}/rankings?limit=15`)).json().items as Json[];
    const check = async () => {
      const labels = (await hook()).labels!;
      expect(labels.length).toBeGreaterThan(0);
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i]!, labels[j]!];
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap, `${a.text} / ${b.text}`).toBe(false);
        }
      return labels;
    };
    const shown = new Set((await check()).map((l) => l.key));
    for (const item of top) expect(shown.has(`${item.type}:${item.id}`), item.name).toBe(true);
    await session.shot('labels');
    // A selected entity outside the top 15 is labelled too.
    const rows = page.locator('#ranking tbody tr');
    await rows.nth(20).click();
    const chosen = (await session.asAnalyst('GET', `/v1/analyses/${run.id}/rankings?limit=1&offset=20`)).json().items[0] as Json;
    await page.waitForFunction((key) => window.__explorer.labels?.some((l) => l.key === key), `${chosen.type}:${chosen.id}`);
    await page.waitForTimeout(600);
    await check();
    await session.shot('selection-labelled');
  });

  it('met no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
