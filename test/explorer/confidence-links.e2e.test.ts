/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * Rank confidence and missing-link suggestions as an analyst reads them, in headless Chromium
 * against the real service: the stored run (made without confidence) says it has none; a run
 * started from the form asks for confidence by default, and every interval, share and stable-core
 * mark in the ranking table, and the entity panel's sentences and "depends on" list, are the
 * service's answer for that run; then the suggested links drawn dashed are the links API's answer
 * for the same request (all of the run's scope, the next page, around one person), less those
 * with an end filtered out, which are listed and counted; switched off, none is drawn.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pair = (s: Json) => `${s.a.key}|${s.b.key}`;

describe('the explorer’s rank confidence and suggested links in a browser', () => {
  let session: ExplorerSession;
  let page: Page;
  let confident: Json;
  let communityOf: Map<string, string>;

  const suggest = async (parameters: Json) => {
    const answer = await session.asAnalyst('POST', '/v1/analyses/links/suggest', { run: confident.id, parameters });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as Json;
  };
  /** The page's hook once it shows the page of suggestions starting at `offset`. */
  const shownPage = async (offset: number, around: string | null) => {
    await page.waitForFunction(
      ([o, a]) => window.__explorer.suggestedLinks?.on === true && window.__explorer.suggestedLinks.offset === o && window.__explorer.suggestedLinks.around === a,
      [offset, around] as const,
    );
    return (await session.hook()).suggestedLinks!;
  };

  beforeAll(async () => {
    session = await startExplorerSession('confidence-links');
    ({ page } = session);
    await session.signInAndOpen();
  }, 900_000);

  afterAll(() => session?.close());

  it('says plainly that a run made without confidence has none, and shows no figure', async () => {
    expect(session.run.parameters.confidence).toBeUndefined();
    expect(await page.textContent('#confidence-note')).toBe('No confidence: this run did not resample.');
    expect(await page.getAttribute('#confidence-note', 'data-confidence')).toBe('false');
    expect(await page.locator('#ranking-confidence-head').count()).toBe(0);
    expect(await page.locator('#ranking td.confidence').count()).toBe(0);
    expect((await session.hook()).confidence).toEqual({ present: false, rows: [] });
    await page.locator('#ranking tbody tr').first().click();
    await page.waitForSelector('#node-confidence');
    expect(await page.textContent('#node-confidence p')).toBe('No confidence: this run did not resample.');
    await session.shot('01-no-confidence');
  });

  it('starts a run with rank confidence from the form by default, and its table shows the service’s interval and share for every row', async () => {
    expect(await page.isChecked('#new-confidence')).toBe(true);
    expect(await page.textContent('#new-confidence-hint')).toMatch(/a few times one analysis/);
    await page.fill('#investigation', session.investigation);
    await page.dispatchEvent('#investigation', 'change');
    await page.click('#start-run');
    await page.waitForFunction((old) => window.__explorer.run !== old && window.__explorer.phase === 'laid-out', session.run.id, { timeout: 300_000 });
    const id = (await session.hook()).run!;
    confident = (await session.asAnalyst('GET', `/v1/analyses/${id}`)).json();
    expect(confident.status).toBe('done');
    expect(confident.parameters.confidence).toMatchObject({ draws: 100 });
    const summary = confident.summary.confidence;
    expect(summary).toMatchObject({ draws: 100 });
    expect(await page.textContent(`#run option[value="${id}"]`)).toMatch(/ · rank confidence$/);
    expect(await page.textContent(`#run option[value="${session.run.id}"]`)).not.toMatch(/rank confidence/);

    const ranking = (await session.asAnalyst('GET', `/v1/analyses/${id}/rankings?limit=50`)).json().items as Json[];
    const exported = (await session.asAnalyst('GET', `/v1/analyses/${id}/export?format=json`)).json();
    communityOf = new Map(exported.graph.nodes.map((n: Json) => [n.key as string, n.attributes.community as string]));
    const shown = (await session.hook()).confidence!;
    expect(shown.present).toBe(true);
    expect(shown.rows.map((r) => r.key)).toEqual(ranking.map((r) => r.key));
    const cells = await page
      .locator('#ranking tbody tr')
      .evaluateAll((rows) => rows.map((tr) => [(tr as HTMLElement).dataset.key, tr.querySelector('td.confidence')?.textContent ?? null, !!tr.querySelector('[data-stable-core]')]));
    expect(cells).toHaveLength(ranking.length);
    for (const [i, item] of ranking.entries()) {
      const c = item.confidence;
      expect(c, item.key).toBeDefined();
      const row = shown.rows[i]!;
      expect([row.low, row.high, row.inTopK, row.stableCore]).toEqual([c.rankInterval.low, c.rankInterval.high, c.inTopK, c.stableCore]);
      const [key, text, marked] = cells[i]!;
      expect(key).toBe(item.key);
      // As the analyst reads it: "2–5 · 97% in top 10", ● for the stable core.
      const interval = c.rankInterval.low === c.rankInterval.high ? `${c.rankInterval.low}` : `${c.rankInterval.low}–${c.rankInterval.high}`;
      const match = new RegExp(`^${interval} · (<1|\\d+)% in top ${c.k}( ●)?( \\(stable core\\))?$`).exec(text as string);
      expect(match, `${item.key}: ${text}`).not.toBeNull();
      const percent = match![1] === '<1' ? 0.5 : Number(match![1]);
      expect(Math.abs(percent - 100 * c.inTopK), text as string).toBeLessThanOrEqual(1);
      if (c.inTopK < 1) expect(percent).toBeLessThan(100);
      expect(marked).toBe(c.stableCore);
    }
    // The table is in rank order, the summary's stable core in median-rank order: the same people.
    expect(
      ranking
        .filter((r) => r.confidence.stableCore)
        .map((r) => r.key)
        .sort(),
    ).toEqual(
      summary.stableCore
        .map((s: Json) => s.key)
        .filter((k: string) => ranking.some((r) => r.key === k))
        .sort(),
    );
    expect(await page.textContent('#ranking-confidence-head')).toBe(`Rank 90% · top ${summary.top}`);
    expect(await page.textContent('#confidence-note')).toContain(`from ${summary.draws} resampled networks`);
    expect(await page.textContent('#confidence-note')).toContain(`Stable core: ${summary.stableCore.length} `);
    await session.shot('02-confidence-column');
  }, 600_000);

  it('explains the selected entity’s confidence with the service’s sentences, and its “depends on” ties select their other end', async () => {
    const top = (await session.asAnalyst('GET', `/v1/analyses/${confident.id}/rankings?limit=1`)).json().items[0];
    await page.locator(`#ranking tbody tr[data-key="${top.key}"]`).click();
    await page.waitForSelector('#confidence-explanation');
    const entity = (await session.asAnalyst('GET', `/v1/analyses/${confident.id}/entities/${top.type}/${encodeURIComponent(top.id)}`)).json().result;
    expect(await page.locator('#confidence-explanation li').allTextContents()).toEqual(entity.confidence.explanation);
    const dependsOn = entity.confidence.dependsOn as Json[];
    const listed = await page.locator('#depends-on li').evaluateAll((items) =>
      items.map((li) => {
        const d = (li as HTMLElement).dataset;
        return { key: d.key, keptIn: Number(d.keptIn), with: Number(d.with), without: Number(d.without), text: li.textContent };
      }),
    );
    expect(listed.map(({ key, keptIn, with: w, without }) => ({ key, keptIn, with: w, without }))).toEqual(
      dependsOn.map((d) => ({ key: d.key, keptIn: d.keptIn, with: d.medianRankWith, without: d.medianRankWithout })),
    );
    for (const [i, d] of dependsOn.entries()) {
      expect(listed[i]!.text).toContain(`median rank ${d.medianRankWith} with it, ${d.medianRankWithout} without`);
      for (const kind of Object.keys(d.tieKinds)) expect(listed[i]!.text).toContain(kind.slice(0, -1));
    }
    await page.locator('#node-confidence').scrollIntoViewIfNeeded();
    await session.shot('03-entity-confidence');
    if (dependsOn.length > 0) {
      const other = dependsOn[0]!;
      await page.click(`#depends-on button[data-key="${other.key}"]`);
      await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, other.name ?? other.id);
    }
  });

  it('draws the suggested links dashed, exactly the links API’s answer for the run, and shows a line’s sentence under the pointer', async () => {
    await page.click('#tab-links');
    expect(await page.isVisible('#links-legend')).toBe(false);
    await page.click('#links-toggle');
    const shown = await shownPage(0, null);
    const answer = await suggest({ limit: 20, offset: 0 });
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(shown.listed).toBe(answer.suggestions.length);
    expect(shown.nextOffset).toBe(answer.nextOffset);
    // Nothing is filtered: every suggestion's two people are drawn.
    expect(shown.drawn.map((d) => `${d.a}|${d.b}`)).toEqual(answer.suggestions.map(pair));
    expect(shown.drawn.every((d) => d.dashed === true)).toBe(true);
    expect(shown.notDrawn).toBe(0);
    expect(await page.isVisible('#links-legend')).toBe(true);
    expect(await page.locator('#links-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.pair))).toEqual(answer.suggestions.map(pair));
    expect(await page.locator('#links-list .link-explanation').allTextContents()).toEqual(answer.suggestions.map((s: Json) => s.explanation));
    expect(await page.textContent('#links-summary')).toBe(
      `Suggestions 1–${answer.suggestions.length} of ${answer.candidates.toLocaleString('en-GB')} untied pairs: all drawn dashed.`,
    );
    await session.shot('04-suggested-links');

    // The pointer on a dashed line's middle: its sentence and shared contacts; a click picks it in the list.
    const box = (await page.locator('#graph').boundingBox())!;
    // A line whose middle is on the drawing (lines may run off it, under the panel).
    const target = shown.drawn.find((d) => d.x > 20 && d.y > 20 && d.x < box.width - 20 && d.y < box.height - 20)!;
    expect(target).toBeDefined();
    await page.mouse.move(box.x + target.x, box.y + target.y);
    await page.waitForSelector('#link-tooltip:not([hidden])');
    const hovered = await page.getAttribute('#link-tooltip', 'data-pair');
    const suggestion = answer.suggestions.find((s: Json) => pair(s) === hovered);
    expect(suggestion, String(hovered)).toBeDefined();
    expect(await page.textContent('#link-tooltip')).toContain(suggestion.explanation);
    for (const c of suggestion.evidence.sharedContacts) expect(await page.textContent('#link-tooltip')).toContain(c.id);
    await session.shot('05-suggestion-tooltip');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction((p) => window.__explorer.suggestedLinks?.picked === p, hovered, { timeout: 5000 });
    await page.waitForSelector(`#links-list li[aria-current="true"][data-pair="${hovered}"]`);
  });

  it('lists but does not draw the suggestions with an end filtered out, and says how many', async () => {
    const answer = await suggest({ limit: 20, offset: 0 });
    const community = communityOf.get(answer.suggestions[0].a.key)!;
    await page.selectOption('#community-filter', community);
    const expectedDrawn = answer.suggestions.filter((s: Json) => communityOf.get(s.a.key) === community && communityOf.get(s.b.key) === community);
    await page.waitForFunction((n) => window.__explorer.suggestedLinks?.notDrawn === n, answer.suggestions.length - expectedDrawn.length);
    const shown = (await session.hook()).suggestedLinks!;
    expect(shown.drawn.map((d) => `${d.a}|${d.b}`)).toEqual(expectedDrawn.map(pair));
    expect(shown.listed).toBe(answer.suggestions.length);
    expect(Number(await page.getAttribute('#links-summary', 'data-not-drawn'))).toBe(answer.suggestions.length - expectedDrawn.length);
    expect(await page.locator('#links-list li[data-drawn="false"]').count()).toBe(answer.suggestions.length - expectedDrawn.length);
    if (expectedDrawn.length < answer.suggestions.length)
      expect(await page.textContent('#links-summary')).toContain(`${answer.suggestions.length - expectedDrawn.length} not drawn`);
    await session.shot('06-suggestions-filtered');
    await page.selectOption('#community-filter', '');
    await page.waitForFunction(() => window.__explorer.suggestedLinks?.notDrawn === 0);
  });

  it('pages on with nextOffset and back, each page the API’s', async () => {
    const first = await suggest({ limit: 20, offset: 0 });
    if (first.nextOffset === null) {
      expect(await page.isDisabled('#links-next')).toBe(true);
      return;
    }
    await page.click('#links-next');
    const shown = await shownPage(first.nextOffset, null);
    const second = await suggest({ limit: 20, offset: first.nextOffset });
    expect(shown.drawn.map((d) => `${d.a}|${d.b}`)).toEqual(second.suggestions.map(pair));
    expect(await page.textContent('#links-summary')).toMatch(new RegExp(`^Suggestions ${first.nextOffset + 1}–`));
    await page.click('#links-previous');
    const back = await shownPage(0, null);
    expect(back.drawn.map((d) => `${d.a}|${d.b}`)).toEqual(first.suggestions.map(pair));
  });

  it('suggests around the selected person only, as the API answers with people: [id]', async () => {
    const answer0 = await suggest({ limit: 20, offset: 0 });
    const person = answer0.suggestions[0].a as Json;
    await page.click(`#links-list button[data-key="${person.key}"]`);
    await page.waitForFunction((name) => document.querySelector('#node-name')?.textContent === name, person.name ?? person.id);
    await page.click('#tab-links');
    await page.selectOption('#links-around', 'selected');
    const shown = await shownPage(0, person.id);
    const answer = await suggest({ limit: 20, offset: 0, people: [person.id] });
    expect(answer.suggestions.every((s: Json) => s.a.key === person.key || s.b.key === person.key)).toBe(true);
    expect(shown.drawn.map((d) => `${d.a}|${d.b}`)).toEqual(answer.suggestions.map(pair));
    expect(shown.notDrawn).toBe(0);
    expect(await page.textContent('#links-summary')).toContain(`around ${person.id}`);
    await session.shot('07-suggestions-around-person');
  });

  it('draws none once switched off', async () => {
    await page.click('#links-toggle');
    await page.waitForFunction(() => window.__explorer.suggestedLinks?.on === false);
    expect((await session.hook()).suggestedLinks).toMatchObject({ on: false, drawn: [], notDrawn: 0 });
    expect(await page.locator('#links-list li').count()).toBe(0);
    expect(await page.isVisible('#links-legend')).toBe(false);
    expect(await page.getAttribute('#links-toggle', 'aria-pressed')).toBe('false');
    await session.shot('08-suggestions-off');
  });

  it('met no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
