/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ExplorerSession, startExplorerSession } from '../support/explorer-session.js';

/**
 * The case-file exports in real Chromium: the SVG is read back by the browser's own XML parser
 * and its words checked against what the API says of the run (investigation, window, grading,
 * run id, finish date, the handling codes of its facts), its circles against the nodes the page
 * draws, its legend against the page's; the PNG is decoded and its header and footer bands
 * checked for ink. Downloads and screenshots go to test-artefacts/explorer/case-export/.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ReadSvg {
  errors: number;
  texts: Record<string, string[]>;
  nodes: number;
  lines: number;
  legend: { label: string; colour: string }[];
  width: number;
  height: number;
}

/** The SVG as the browser's XML parser reads it: the words by role, the circles, lines and legend entries. */
function readSvg(page: Page, svg: string): Promise<ReadSvg> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const texts: Record<string, string[]> = {};
    for (const t of Array.from(doc.querySelectorAll('text'))) (texts[t.getAttribute('data-role') ?? ''] ??= []).push(t.textContent ?? '');
    const root = doc.documentElement;
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      texts,
      nodes: doc.querySelectorAll('circle[data-key]').length,
      lines: doc.querySelectorAll('line').length,
      legend: Array.from(doc.querySelectorAll('g.legend-entry')).map((g) => ({
        label: g.querySelector('text')!.textContent ?? '',
        colour: g.querySelector('circle')!.getAttribute('fill') ?? '',
      })),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
    };
  }, svg);
}

describe('case-file exports of the explorer view', () => {
  let session: ExplorerSession;
  let page: Page;
  let run: Json;
  let exported: Json;
  let marking: string;

  const pageLegend = () =>
    page.$$eval('#legend li', (items) =>
      items.map((li) => ({
        label: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
        colour: /background:\s*([^;]+)/.exec(li.querySelector('.swatch')?.getAttribute('style') ?? '')?.[1] ?? '',
      })),
    );
  const download = async (button: string, name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const path = join(session.artefacts, name);
    await file.saveAs(path);
    return readFile(path);
  };

  beforeAll(async () => {
    session = await startExplorerSession('case-export');
    ({ page, run } = session);
    const answer = await session.asAnalyst('GET', `/v1/analyses/${run.id}/export?format=json`);
    expect(answer.statusCode, answer.body).toBe(200);
    exported = answer.json().run;
    // The most restrictive handling code among the run's facts, as the API counts them.
    const handling = exported.handling as Record<string, number>;
    expect(handling.P ?? 0).toBeGreaterThan(0);
    marking = (handling.C ?? 0) > 0 ? 'HANDLING CODE C: LAWFUL SHARING PERMITTED WITH CONDITIONS' : 'HANDLING CODE P: LAWFUL SHARING PERMITTED';
    await session.signInAndOpen();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("prints the run's title, scope, id, finish date and handling marking top and bottom on the SVG", async () => {
    const svg = await readSvg(page, (await download('#export-svg', 'view.svg')).toString('utf8'));
    expect(svg.errors).toBe(0);
    const { investigation } = session;
    const finished = `${(run.finishedAt as string).slice(0, 16).replace('T', ' ')} UTC`;
    expect(svg.texts['marking-top']).toEqual([marking]);
    expect(svg.texts['marking-bottom']).toEqual([marking]);
    const count = (n: number) => n.toLocaleString('en-GB');
    expect(svg.texts.title).toEqual([`${investigation}: Network of ${count(run.summary.graph.nodes)} entities and ${count(run.summary.graph.ties)} ties`]);
    expect(svg.texts.scope).toEqual([`Scope: investigations ${investigation} · window all dates · weakest grading kept ${run.scope.minAssessment}`]);
    expect(svg.texts.run).toEqual([`Run ${run.id} · finished ${finished}`]);
    expect(svg.texts.exported![0]).toMatch(/^Exported \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const hook = await session.hook();
    expect(svg.nodes).toBe(hook.drawn);
    expect(svg.lines).toBe(run.summary.graph.ties);
    expect(hook.caseExport).toMatchObject({ format: 'svg', nodes: hook.drawn, texts: { marking, title: svg.texts.title![0], run: svg.texts.run![0] } });
  });

  it("lists the page's legend, words and colours, on the SVG", async () => {
    const svg = await readSvg(page, (await download('#export-svg', 'view.svg')).toString('utf8'));
    const legend = await pageLegend();
    expect(legend.length).toBeGreaterThan(0);
    expect(svg.legend).toEqual(legend);
  });

  it('draws only what the filters leave on screen, and says so in the title', async () => {
    const types = await page.$$eval('#type-filter input[type=checkbox]', (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(types.length).toBeGreaterThan(1);
    await page.uncheck(`#type-${types[0]}`);
    await page.waitForFunction((all) => window.__explorer.drawn < all, run.summary.graph.nodes);
    const svg = await readSvg(page, (await download('#export-svg', 'view-filtered.svg')).toString('utf8'));
    const { drawn } = await session.hook();
    expect(svg.nodes).toBe(drawn);
    expect(svg.texts.title![0]).toContain(`Network of ${drawn.toLocaleString('en-GB')} of ${run.summary.graph.nodes.toLocaleString('en-GB')} entities`);
    await page.check(`#type-${types[0]}`);
    await page.waitForFunction((all) => window.__explorer.drawn === all, run.summary.graph.nodes);
  });

  it('frames the PNG with the same header and footer bands, and they are not blank', async () => {
    const png = await download('#export-png', 'view.png');
    const report = (await session.hook()).caseExport!;
    expect(report.format).toBe('png');
    expect(report.texts.marking).toBe(marking);
    const graphBox = await page.$eval('#graph', (g) => ({ width: g.clientWidth, height: g.clientHeight }));
    expect(report.width).toBe(graphBox.width);
    expect(report.height).toBe(report.header + graphBox.height + report.footer);
    expect(report.header).toBeGreaterThan(60);
    expect(report.footer).toBeGreaterThan(20);
    const read = await page.evaluate(
      async ({ dataUrl, width, header, footer }) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [image.width, image.height];
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        // Bands in CSS pixels, the image in device pixels.
        const ratio = image.width / width;
        const ink = (top: number, bottom: number) => {
          const { data } = context.getImageData(0, Math.round(top * ratio), canvas.width, Math.round((bottom - top) * ratio));
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 200) dark++;
          return dark;
        };
        const height = image.height / ratio;
        return { width: image.width, height: image.height, headerInk: ink(0, header), footerInk: ink(height - footer, height) };
      },
      { dataUrl: `data:image/png;base64,${png.toString('base64')}`, width: report.width, header: report.header, footer: report.footer },
    );
    const ratio = await page.evaluate(() => window.devicePixelRatio || 1);
    expect([read.width, read.height]).toEqual([report.width * ratio, report.height * ratio]);
    // The marking's black bar alone is the image's width by 22 pixels.
    expect(read.headerInk).toBeGreaterThan(report.width * 10);
    expect(read.footerInk).toBeGreaterThan(report.width * 10);
    await session.shot('case-export-page');
  });

  it('raised no script errors', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
