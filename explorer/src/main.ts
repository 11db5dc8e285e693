import { ApiFailure, failureMessage } from './data/api-failure.js';
import type { AnalysisExport, AnalysisRun, CommunityDetail, RankedNode, RankingPage } from './data/api-types.js';
import { confidenceOf, rerunRequestOf, withConfidence } from './data/confidence.js';
import { evidenceTypes } from './data/evidence.js';
import { communitySizes, toExplorerGraph } from './data/explorer-graph.js';
import { NO_FILTERS, shownCounts, type ViewFilters } from './data/filters.js';
import { formatInt, splitKey } from './data/format.js';
import { toGexf } from './data/gexf.js';
import { type Assessment, currencyOf, type Resolution, runRequest } from './data/scope.js';
import { searchNodes } from './data/search.js';
import { type Api, createApi } from './ui/api.js';
import { type CaseExport, createCaseExport } from './ui/case-export.js';
import { renderCommunity } from './ui/community-panel.js';
import { createDisruption, type Disruption } from './ui/disruption.js';
import { byId, download, el } from './ui/dom.js';
import { createEvidenceOpener } from './ui/evidence-view.js';
import { renderFilterControls } from './ui/filter-controls.js';
import { ANIMATE_UP_TO_NODES, GraphView } from './ui/graph-view.js';
import { drawLabels } from './ui/labels.js';
import { createLayers, type Layers } from './ui/layers.js';
import { createLinkSuggestions, type LinkSuggestionsPanel } from './ui/link-suggestions.js';
import { createMoneyPanel } from './ui/money-panel.js';
import { renderNode } from './ui/node-panel.js';
import { initPanelResize } from './ui/panel-resize.js';
import { createPathsPanel } from './ui/paths-panel.js';
import { appendNodeConfidence, showRankConfidence } from './ui/rank-confidence.js';
import { markSelected, renderRanking } from './ui/ranking-table.js';
import { createResolutionPanel } from './ui/resolution-panel.js';
import { fillRunPicker, startAndFollow } from './ui/run-picker.js';
import { forgetCredentials, saveCredentials, savedCredentials } from './ui/session.js';
import { dataVersions, markStaleRuns, showStaleNotice } from './ui/stale-runs.js';
import { initHook } from './ui/test-hook.js';
import { createTimeWindow } from './ui/time-window.js';

/**
 * The explorer page: sign in with an API key, pick a run, see its network, its ranking, one
 * entity or community at a time, and what removing some of them would do. Every figure comes
 * from the /v1 API with the analyst's own key; this file only wires the parts together.
 */

const RANKING_ROWS = 50;

const hook = initHook();
let api: Api | null = null;
let runs: AnalysisRun[] = [];
let view: GraphView | null = null;
let run: AnalysisRun | null = null;
let filters: ViewFilters = NO_FILTERS;
let selected: string | null = null;
let disruption: Disruption | null = null;
let caseExport: CaseExport | null = null;
const evidence = createEvidenceOpener(() => api, guarded);
const TABS = ['node', 'community', 'disruption', 'paths', 'money', 'resolution', 'links'] as const;
const panels = {
  paths: createPathsPanel({ api: () => api, view: () => view, selected: () => selected, select: (k) => void guarded(() => selectNode(k)), evidence, guarded, hook }),
  money: createMoneyPanel(byId('panel-money'), { api: () => api, view: () => view, run: () => run, select: (k) => void guarded(() => selectNode(k)), evidence, guarded, hook }),
  resolution: createResolutionPanel(byId('panel-resolution'), {
    api: () => api,
    view: () => view,
    run: () => run,
    select: (k) => void guarded(() => selectNode(k)),
    guarded,
    hook,
    decided: async () => {
      versions = await dataVersions(api!);
      markStaleRuns(runs, versions);
      if (run) showStaleNotice(run, versions, () => void guarded(() => rerun(run!), byId('stale-message')));
    },
    rerunResolved: async (say) => {
      const request = rerunRequestOf(run!);
      await rerunWith({ ...request, scope: { ...request.scope, resolution: 'accepted' } }, say);
    },
  }),
};
/** Investigation → its data version now, for marking stale runs. */
let versions = new Map<string, number>();
let layers: Layers | null = null;
let links: LinkSuggestionsPanel | null = null;

const input = <T extends HTMLElement = HTMLInputElement>(id: string) => byId<T>(id);
const tbody = () => byId<HTMLTableElement>('ranking').tBodies[0]!;

function showBanner(message: string | null, retry?: () => void): void {
  byId('banner').hidden = message === null;
  byId('banner-text').textContent = message ?? '';
  byId('banner-retry').hidden = !retry;
  byId('banner-retry').onclick = () => {
    showBanner(null);
    retry?.();
  };
}

function signOut(message = ''): void {
  forgetCredentials();
  api = null;
  links?.kill();
  links = null;
  view?.kill();
  view = null;
  byId('workspace').hidden = true;
  byId('sign-out').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-in-message').textContent = message;
  byId('status').textContent = 'Not signed in';
  Object.assign(hook, { phase: 'signed-out', run: null });
}

/** Runs an action; a refused key signs out, a silent service gets the banner with a retry. */
async function guarded(action: () => Promise<void>, where?: HTMLElement): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    const message = failureMessage(error.kind, error.message);
    if (error.kind === 'unauthorized') return signOut(message);
    if (error.kind === 'down') return showBanner(message, () => void guarded(action, where));
    if (where) where.textContent = message;
    else showBanner(message, () => void guarded(action, where));
  }
}

function setStatus(): void {
  const status = byId('status');
  if (!view || !run) return;
  const all = { nodes: view.graph.order, ties: view.graph.size };
  const shown = shownCounts(view.graph, filters);
  const drawn = view.drawnNodes();
  status.textContent =
    `${formatInt(all.nodes)} nodes · ${formatInt(all.ties)} ties` + (shown.nodes < all.nodes ? ` (${formatInt(shown.nodes)} and ${formatInt(shown.ties)} shown)` : '');
  Object.assign(status.dataset, { nodes: String(all.nodes), ties: String(all.ties), drawn: String(drawn) });
  Object.assign(hook, { nodes: all.nodes, ties: all.ties, drawn });
}

async function signIn(key: string, reason: string): Promise<void> {
  const candidate = createApi({ key, reason });
  byId('sign-in-message').textContent = 'Checking the key…';
  await candidate('GET', '/system');
  api = candidate;
  saveCredentials({ key, reason });
  byId('sign-in').hidden = true;
  byId('workspace').hidden = false;
  byId('sign-out').hidden = false;
  byId('status').textContent = 'Signed in';
  hook.phase = 'signed-in';
  await loadRuns();
}

async function loadRuns(): Promise<void> {
  const { runs: shown, openable } = await fillRunPicker(api!, input('investigation').value.trim());
  runs = shown;
  // Without the versions the runs are still marked by the service's own flag.
  versions = await dataVersions(api!).catch(() => new Map<string, number>());
  markStaleRuns(runs, versions);
  if (!view) byId('graph-state').textContent = openable ? 'Choose a run and open it.' : 'No analysis runs yet: start one on the left.';
}

async function openRun(id: string): Promise<void> {
  const chosen = runs.find((r) => r.id === id)!;
  links?.kill();
  links = null;
  view?.kill();
  view = null;
  Object.assign(hook, { phase: 'loading', run: id, firstRenderMs: null, layout: null });
  byId('graph-state').textContent = 'Loading the network…';
  const started = performance.now();
  const [exported, ranking] = await Promise.all([
    api!<AnalysisExport>('GET', `/analyses/${id}/export?format=json`),
    api!<RankingPage>('GET', `/analyses/${id}/rankings?limit=${RANKING_ROWS}`),
  ]).catch((error: unknown) => {
    byId('graph-state').textContent = 'The network could not be loaded.';
    hook.phase = 'error';
    throw error;
  });
  run = chosen;
  showStaleNotice(chosen, versions, () => void guarded(() => rerun(chosen), byId('stale-message')));
  byId('panel-node').replaceChildren(el('p', { class: 'hint' }, 'Select someone in the table or the graph.'));
  byId('panel-community').replaceChildren(el('p', { class: 'hint' }, 'Select a community in the legend.'));
  panels.paths.reset();
  panels.money.show(null);
  const graph = toExplorerGraph(exported.graph);
  byId('graph-state').textContent = graph.order === 0 ? 'This run found no one in its scope.' : '';
  view = new GraphView(byId('graph'), graph, (key) => void guarded(() => selectNode(key)));
  drawLabels(view.renderer, (boxes) => (hook.labels = boxes));
  layers?.kill();
  layers = createLayers({ api: api!, run: id, currency: currencyOf(chosen), view, hook, guarded });
  // Sigma draws in its constructor: the drawing is on screen at the next frame.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  hook.firstRenderMs = performance.now() - started;
  hook.phase = 'drawn';
  filters = NO_FILTERS;
  selected = null;
  renderFilterControls(graph, {
    types: (types) => applyFilters({ ...filters, types }),
    community: (id) => void guarded(() => showCommunity(id)),
  });
  setStatus();
  const colours = new Map(communitySizes(graph).map((c) => [c.id, c.color]));
  renderRanking(
    tbody(),
    ranking.items,
    (c) => colours.get(c) ?? '#767676',
    (key) => void guarded(() => selectNode(key)),
  );
  showRankConfidence(byId<HTMLTableElement>('ranking'), ranking.items, confidenceOf(chosen), byId('confidence-note'), hook);
  links = createLinkSuggestions({
    api: api!,
    run: id,
    view,
    hook,
    selected: () => selected,
    select: (k) => void guarded(() => selectNode(k)),
    showTab: () => showTab('links'),
    guarded,
  });
  disruption = createDisruption({ api: api!, run: chosen, view, selectedKey: () => selected, guarded, hook });
  caseExport = createCaseExport(view, chosen, exported.run, (report) => (hook.caseExport = report));
  createTimeWindow({
    api: api!,
    run: chosen,
    exported: exported.run,
    ranking: ranking.items,
    guarded,
    report: (shown) => (hook.timeWindow = shown),
    view,
    reportRun: (shown) => (hook.timeWindowOff = shown),
  });
  const drawing = view;
  if (graph.order > ANIMATE_UP_TO_NODES) byId('graph-state').textContent = 'Laying out the network (it moves into place when done)…';
  const report = await drawing.runLayout();
  if (view !== drawing) return;
  byId('graph-state').textContent = '';
  hook.layout = report;
  layers?.enable();
  hook.phase = 'laid-out';
}

function applyFilters(next: ViewFilters): void {
  filters = next;
  view?.update({ filters });
  setStatus();
}

async function selectNode(key: string): Promise<void> {
  if (!view || !run) return;
  selected = key;
  markSelected(tbody(), key);
  view.update({ focused: key });
  view.focus(key);
  showTab('node');
  const { type, id } = splitKey(key);
  const { result } = await api!<{ result: RankedNode }>('GET', `/analyses/${run.id}/entities/${type}/${encodeURIComponent(id)}`);
  renderNode(byId('panel-node'), result, view.graph, {
    select: (k) => void guarded(() => selectNode(k)),
    community: (c) => void guarded(() => showCommunity(c)),
    evidence: (component, id) => evidence.button(byId('panel-node'), id, { id, types: evidenceTypes(component) }),
  });
  appendNodeConfidence(byId('panel-node'), result, confidenceOf(run), (k) => void guarded(() => selectNode(k)));
}

async function showCommunity(id: string): Promise<void> {
  if (!view || !run) return;
  const detail = await api!<CommunityDetail>('GET', `/analyses/${run.id}/communities/${encodeURIComponent(id)}?limit=20`);
  const graph = view.graph;
  renderCommunity(
    byId('panel-community'),
    detail,
    currencyOf(run),
    (k) => (graph.hasNode(k) ? graph.getNodeAttribute(k, 'label') : k),
    (k) => void guarded(() => selectNode(k)),
  );
  showTab('community');
}

function showTab(name: (typeof TABS)[number]): void {
  for (const tab of TABS) {
    byId(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    byId(`panel-${tab}`).hidden = tab !== name;
  }
}

async function startRun(): Promise<void> {
  const message = byId('run-message');
  let body: object;
  try {
    body = runRequest({
      investigation: input('investigation').value.trim() || null,
      minAssessment: input<HTMLSelectElement>('min-grading').value as Assessment,
      from: input('from').value || null,
      to: input('to').value || null,
      resolution: input<HTMLSelectElement>('new-resolution').value as Resolution,
    });
  } catch (error) {
    message.textContent = (error as Error).message.replace(/^explorer\/scope: /, '');
    return;
  }
  // Rank confidence is asked for unless unticked (data/confidence.ts).
  body = withConfidence(body, input('new-confidence').checked);
  const current = await startAndFollow(api!, body, (text) => (message.textContent = text));
  if (current.status !== 'done') {
    message.textContent = `The run ${current.status}: ${current.error?.message ?? 'no reason given'}`;
    return;
  }
  message.textContent = 'Done.';
  await loadRuns();
  input<HTMLSelectElement>('run').value = current.id;
  await openRun(current.id);
}

/** The same scope and parameters again, on the data as it is now; the new run opens when done. */
async function rerun(stale: AnalysisRun): Promise<void> {
  const message = byId('stale-message');
  const done = await rerunWith(rerunRequestOf(stale), (text) => (message.textContent = text));
  if (!done) byId<HTMLButtonElement>('stale-rerun').disabled = false;
}

/** Starts a run of this request and follows it, saying how far it got; opens it when done (answers whether it was). */
async function rerunWith(body: object, say: (text: string) => void): Promise<boolean> {
  const current = await startAndFollow(api!, body, say);
  if (current.status !== 'done') {
    say(`The run ${current.status}: ${current.error?.message ?? 'no reason given'}`);
    return false;
  }
  await loadRuns();
  input<HTMLSelectElement>('run').value = current.id;
  await openRun(current.id);
  return true;
}

function wire(): void {
  byId('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(() => signIn(input('api-key').value.trim(), input('reason').value), byId('sign-in-message'));
  });
  byId('sign-out').addEventListener('click', () => signOut());
  input('investigation').addEventListener('change', () => void guarded(loadRuns));
  byId('open-run').addEventListener('click', () => void guarded(() => openRun(input<HTMLSelectElement>('run').value)));
  byId('start-run').addEventListener('click', () => void guarded(startRun, byId('run-message')));
  input('search').addEventListener('input', () => {
    const hits = view ? searchNodes(view.graph, input('search').value) : [];
    byId('search-results').replaceChildren(
      ...hits.map((hit) => {
        const button = el('button', { type: 'button', 'data-key': hit.key }, `${hit.label} (${hit.entityType}${hit.rank === null ? '' : `, #${hit.rank}`})`);
        button.addEventListener('click', () => void guarded(() => selectNode(hit.key)));
        return el('li', {}, button);
      }),
    );
  });
  input<HTMLSelectElement>('community-filter').addEventListener('change', () =>
    applyFilters({ ...filters, community: input<HTMLSelectElement>('community-filter').value || null }),
  );
  byId('export-png').addEventListener('click', () => void caseExport?.png().then((png) => download(png, `network-${run!.id}.png`)));
  byId('export-svg').addEventListener('click', () => caseExport && download(caseExport.svg(), `network-${run!.id}.svg`));
  byId('export-gexf').addEventListener('click', () => view && download(new Blob([toGexf(view.graph)], { type: 'application/gexf+xml' }), `network-${run!.id}.gexf`));
  for (const tab of TABS) byId(`tab-${tab}`).addEventListener('click', () => showTab(tab));
  byId('tab-money').addEventListener('click', () => panels.money.show(selected));
  byId('tab-resolution').addEventListener('click', () => panels.resolution.show());
  initPanelResize(byId('panel-resizer'), byId('workspace'), (width) => {
    hook.panelWidth = width;
    view?.renderer.resize();
    view?.renderer.scheduleRender();
  });
  byId('pick-selected').addEventListener('click', () => disruption?.pickSelected());
  byId('clear-picked').addEventListener('click', () => disruption?.clear());
  byId('plan').addEventListener('click', () => void disruption?.plan());
  byId('strategy').addEventListener('change', () => disruption?.takeStrategy());
  byId('what-if').addEventListener('click', () => void disruption?.whatIf());
  byId('what-if-reset').addEventListener('click', () => disruption?.reset());
}

wire();
const saved = savedCredentials();
if (saved) void guarded(() => signIn(saved.key, saved.reason), byId('sign-in-message'));
