/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * The explorer's side panel in real Chromium against the real service with the demo network:
 * resized by keyboard and mouse; evidence ids that open the evidence with its provenance; the
 * paths between two people listed and highlighted; the money of someone who paid and was paid.
 * Every figure the page shows is checked against the API's own answer to the same question.
 * Screenshots go to test-artefacts/explorer/panel/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the explorer’s side panel: resizing, evidence, paths and money', () => {
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let ranked: Json[];
  const get = async (url: string) => {
    const response = await session.asAnalyst('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };
  const width = () => page.locator('#details').evaluate((aside) => Math.round(aside.getBoundingClientRect().width));
  const valueNow = async () => Number(await page.getAttribute('#panel-resizer', 'aria-valuenow'));

  /** Selects an entity of the drawn graph through the search box (it matches ids too). */
  async function select(key: string): Promise<void> {
    const id = key.slice(key.indexOf(':') + 1);
    await page.fill('#search', id);
    await page.locator('#search-results button').first().click();
    await page.waitForFunction((id) => document.querySelector('#panel-node')?.textContent?.includes(` ${id} · rank`), id);
  }

  beforeAll(async () => {
    session = await startExplorerSession('panel');
    ({ page, run } = session);
    ranked = (await get(`/v1/analyses/${run.id}/rankings?limit=50`)).items;
    await session.signInAndOpen();
  }, 600_000);

  afterAll(async () => {
    await session?.close();
  });

  it('resizes the panel with the keyboard, within its bounds, and keeps the width for the session', async () => {
    const start = await valueNow();
    expect(await width()).toBe(start);
    expect((await session.hook()).panelWidth).toBe(start);
    expect(await page.getAttribute('#panel-resizer', 'role')).toBe('separator');
    expect(await page.getAttribute('#panel-resizer', 'aria-orientation')).toBe('vertical');
    await page.focus('#panel-resizer');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    expect(await valueNow()).toBe(start + 60);
    expect(await width()).toBe(start + 60);
    await page.keyboard.press('ArrowRight');
    expect(await width()).toBe(start + 40);
    const max = Number(await page.getAttribute('#panel-resizer', 'aria-valuemax'));
    const min = Number(await page.getAttribute('#panel-resizer', 'aria-valuemin'));
    expect(max).toBe(Math.floor(1400 * 0.6));
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await width()).toBe(max);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await width()).toBe(min);
    expect((await session.hook()).panelWidth).toBe(min);
    await session.shot('01-narrowest');
    // The graph gives up what the panel takes: sigma's canvas follows its container.
    const graphWidth = await page
      .locator('#graph canvas')
      .first()
      .evaluate((c) => Math.round(c.getBoundingClientRect().width));
    const area = await page.locator('.graph-area').evaluate((a) => Math.round(a.getBoundingClientRect().width));
    expect(graphWidth).toBe(area);
  });

  it('resizes the panel by dragging its handle, clamped to its bounds', async () => {
    const handle = (await page.locator('#panel-resizer').boundingBox())!;
    const y = handle.y + handle.height / 2;
    const right = await page.locator('#workspace').evaluate((w) => w.getBoundingClientRect().right);
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(right - 500 - handle.width / 2, y, { steps: 5 });
    await page.mouse.up();
    expect(await width()).toBe(500);
    expect(await valueNow()).toBe(500);
    await page.mouse.move(right - 500 - handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(5, y, { steps: 5 });
    await page.mouse.up();
    expect(await width()).toBe(Number(await page.getAttribute('#panel-resizer', 'aria-valuemax')));
    await page.focus('#panel-resizer');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    expect(await width()).toBe(440);
    expect(await page.evaluate(() => sessionStorage.getItem('explorer.panelWidth'))).toBe('440');
    await session.shot('02-dragged');
  });

  it('opens a payment the financial component cites, with the provenance the API has, and goes back', async () => {
    const person = ranked.find((n) => n.components.some((c: Json) => c.component === 'financial' && c.evidence.length > 0));
    if (!person) throw new Error('the demo network has no ranked person with payments as evidence');
    await select(person.key);
    const cited = person.components.find((c: Json) => c.component === 'financial').evidence[0] as string;
    // Every evidence id is in the panel, none cut off at its right edge.
    const panel = (await page.locator('#details').boundingBox())!;
    for (const box of await page.locator('#panel-node button.evidence').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(panel.x + panel.width);
    await page.locator('#panel-node table.components').scrollIntoViewIfNeeded();
    await session.shot('03-evidence-ids');
    await page.click(`#panel-node td[data-component=financial] button[data-evidence="${cited}"]`);
    const view = page.locator('#panel-node .evidence-view');
    await view.waitFor();
    const entity = await get(`/v1/entities/payment/${encodeURIComponent(cited)}`);
    expect(await view.getAttribute('data-entity-type')).toBe('payment');
    expect(await view.getAttribute('data-entity-id')).toBe(entity.id);
    expect(await view.getAttribute('data-source')).toBe(entity.provenance.source);
    const grading = entity.provenance.grading;
    expect(await view.locator('.provenance').textContent()).toBe(
      `source ${entity.provenance.source} · graded ${grading.sourceEvaluation}${grading.intelligenceAssessment}${grading.handlingCode} · recorded ${entity.provenance.recordedAt}`,
    );
    await session.shot('04-payment');
    await page.click('#panel-node .evidence-back');
    await page.locator('#node-name').waitFor();
    expect(await page.locator('#node-name').textContent()).toBe(person.name);
  });

  it('opens a crossing or vessel the operational component cites as whichever the API has', async () => {
    const person = ranked.find((n) => n.components.some((c: Json) => c.component === 'operational' && c.evidence.length > 0));
    if (!person) throw new Error('the demo network has no ranked person with crossings as evidence');
    await select(person.key);
    const cited = person.components.find((c: Json) => c.component === 'operational').evidence[0] as string;
    await page.click(`#panel-node td[data-component=operational] button[data-evidence="${cited}"]`);
    const view = page.locator('#panel-node .evidence-view');
    await view.waitFor();
    const asCrossing = await session.asAnalyst('GET', `/v1/entities/crossing/${encodeURIComponent(cited)}`);
    const entity = asCrossing.statusCode === 200 ? asCrossing.json() : await get(`/v1/entities/vessel/${encodeURIComponent(cited)}`);
    expect(await view.getAttribute('data-entity-type')).toBe(entity.type);
    expect(await view.getAttribute('data-entity-id')).toBe(entity.id);
    expect(await view.getAttribute('data-source')).toBe(entity.provenance.source);
    await session.shot('05-crossing');
  });

  it('lists the paths between two people as the API finds them, and highlights exactly their drawn nodes', async () => {
    const exported = await get(`/v1/analyses/${run.id}/export?format=json`);
    const drawn = new Set<string>(exported.graph.nodes.map((n: Json) => n.key));
    const people = ranked.filter((n) => n.type === 'person');
    // Two people some hops apart: the top-ranked one and the first other with a path of two hops or more.
    const from = people[0]!;
    let to: Json | undefined;
    let answer: Json | undefined;
    for (const other of people.slice(1)) {
      const found = await get(`/v1/paths?from=person/${from.id}&to=person/${other.id}&k=3&by=hops`);
      if (found.paths.length >= 2 && found.paths[0].hops >= 2) [to, answer] = [other, found];
      if (answer) break;
    }
    expect(answer, 'two people of the demo network with paths between them').toBeDefined();
    await select(from.key);
    await page.click('#tab-paths');
    await page.click('#path-from-selected');
    await select(to!.key);
    await page.click('#tab-paths');
    await page.click('#path-to-selected');
    expect(await page.getAttribute('#path-from', 'data-key')).toBe(from.key);
    expect(await page.getAttribute('#path-to', 'data-key')).toBe(to!.key);
    await page.selectOption('#path-by', 'hops');
    await page.click('#path-find');
    await page.locator('#path-count').waitFor();
    const expected = answer!.paths.map((p: Json) => p.nodes.map((n: Json) => `${n.type}:${n.id}`));
    expect(Number(await page.getAttribute('#path-count', 'data-count'))).toBe(answer!.paths.length);
    const listed = await page.locator('#path-result section.path').evaluateAll((sections) => sections.map((s) => JSON.parse((s as HTMLElement).dataset.nodes!)));
    expect(listed).toEqual(expected);
    const hook = (await session.hook()).paths!;
    expect(hook.sequences).toEqual(expected);
    const onPaths = [...new Set<string>(expected.flat())];
    expect(hook.highlighted).toEqual(onPaths.filter((k) => drawn.has(k)).sort());
    expect(hook.undrawn).toEqual(onPaths.filter((k) => !drawn.has(k)).sort());
    await session.shot('06-paths');

    // A relation on the first step opens with the provenance the paths answer gives it.
    const relation = answer!.paths[0].steps[0].relations[0];
    await page
      .locator('#path-result section.path')
      .first()
      .locator('button.evidence[data-evidence^="' + relation.type + '"]')
      .first()
      .click();
    const view = page.locator('#path-result .evidence-view').first();
    await view.waitFor();
    expect(await view.getAttribute('data-relation-id')).toBe(relation.id);
    expect(await view.getAttribute('data-source')).toBe(relation.provenance.source);
    await session.shot('07-relation');
    await page.click('#path-result .evidence-back');
    await page.locator('#path-count').waitFor();
    await page.click('#path-clear');
    expect((await session.hook()).paths).toBeNull();
  });

  it('shows the money in and out of someone who paid and was paid, to the minor unit the API has', async () => {
    const scope = `investigations=${session.investigation}&via=holders`;
    const flows = await get(`/v1/money/flows?${scope}&top=50`);
    const payees = new Set(flows.topPayees.map((t: Json) => t.party.key));
    const party = flows.topPayers.find((t: Json) => t.party.type === 'person' && payees.has(t.party.key))?.party;
    expect(party, 'a person of the demo network who paid and was paid').toBeDefined();
    const own = await get(`/v1/money/flows?${scope}&entity=person/${party.id}&limit=100`);
    await select(party.key);
    await page.click('#tab-money');
    await page.waitForFunction((key) => document.querySelector('#money-name')?.getAttribute('data-key') === key, party.key);
    for (const side of ['in', 'out'] as const) {
      const total = own.entity[side];
      const shown = page.locator(`#money-${side}`);
      expect(await shown.getAttribute('data-converted')).toBe(total.converted);
      // What the analyst reads: the digits of the amount shown are the API's minor units.
      const text = (await shown.locator('.money-converted').textContent())!;
      expect(text.endsWith(` ${own.scope.reportingCurrency}`)).toBe(true);
      expect(BigInt(text.replace(/\D/g, ''))).toBe(BigInt(total.converted));
      expect(await shown.getAttribute('data-count')).toBe(String(total.count));
      const rows = await page
        .locator(`#money-${side}-flows tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.counterparty, (tr as HTMLElement).dataset.converted]));
      const items = own.items.filter((f: Json) => (side === 'in' ? f.payee.key : f.payer.key) === party.key);
      expect(rows).toEqual(items.map((f: Json) => [(side === 'in' ? f.payer : f.payee).key, f.converted]));
    }
    expect((await session.hook()).money).toEqual({ entity: party.key, in: own.entity.in.converted, out: own.entity.out.converted, currency: own.scope.reportingCurrency });
    await session.shot('08-money');

    await page.click('#money-trace-forward');
    await page.locator('#money-trace [data-total]').waitFor();
    const trace = await get(`/v1/money/trace?${scope}&entity=person/${party.id}&direction=forward`);
    expect(Number(await page.getAttribute('#money-trace [data-total]', 'data-total'))).toBe(trace.total);
    expect(await page.locator('#money-trace li.chain').count()).toBe(Math.min(25, trace.chains.length));
    await session.shot('09-trace');
  });

  it('met no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
