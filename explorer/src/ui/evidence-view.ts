import { ApiFailure } from '../data/api-failure.js';
import type { EntityView, ProvenanceView } from '../data/api-types.js';
import { gradingCode, provenanceLine } from '../data/evidence.js';
import { splitKey } from '../data/format.js';
import type { Api } from './api.js';
import { el } from './dom.js';

/**
 * One piece of evidence opened in the panel that cites it: a payment, crossing or vessel as its
 * entity view (`GET /v1/entities/{type}/{id}`) has it, or a relation as the entity view of one of
 * its ends has it; with its provenance (report, grading, when recorded, every version loaded),
 * its properties, and a way back to what the panel showed before.
 */

export type EvidenceTarget = { id: string; types: readonly string[] } | { relation: string | null; type: string; ends: readonly [string, string] };

export interface EvidenceOpener {
  /** Opens the evidence in `container`; Back puts back what the container showed. */
  open(container: HTMLElement, target: EvidenceTarget): void;
  /** A button naming the evidence that opens it in `container`. */
  button(container: HTMLElement, label: string, target: EvidenceTarget): HTMLButtonElement;
}

export function createEvidenceOpener(api: () => Api | null, guarded: (action: () => Promise<void>, where?: HTMLElement) => Promise<void>): EvidenceOpener {
  const opener: EvidenceOpener = {
    open(container, target) {
      void guarded(async () => {
        const previous = [...container.childNodes];
        const back = el('button', { type: 'button', class: 'evidence-back' }, '← Back');
        back.addEventListener('click', () => container.replaceChildren(...previous));
        const body = 'types' in target ? await entityBody(container, target) : await relationBody(target);
        container.replaceChildren(back, body);
        container.scrollIntoView({ block: 'nearest' });
      });
    },
    button(container, label, target) {
      const button = el('button', { type: 'button', class: 'evidence', 'data-evidence': label }, label);
      button.addEventListener('click', () => opener.open(container, target));
      return button;
    },
  };

  async function entityView(type: string, id: string): Promise<EntityView | null> {
    try {
      return await api()!<EntityView>('GET', `/entities/${type}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 404) return null;
      throw error;
    }
  }

  async function entityBody(container: HTMLElement, { id, types }: { id: string; types: readonly string[] }): Promise<HTMLElement> {
    for (const type of types) {
      const view = await entityView(type, id);
      if (view) return renderEntity(container, view);
    }
    return el('p', { class: 'message', 'data-evidence-missing': id }, `No ${types.join(' or ')} ${id} is on record for you.`);
  }

  async function relationBody({ relation, type, ends }: { relation: string | null; type: string; ends: readonly [string, string] }): Promise<HTMLElement> {
    // The relation as its first end's view lists it; from the other end when the first lists too many relations to hold it.
    let view: EntityView | null = null;
    let found: EntityView['relations'] = [];
    for (const [near, far] of [ends, [ends[1], ends[0]]].map((pair) => pair.map(splitKey))) {
      view = await entityView(near!.type, near!.id);
      found = view?.relations.filter((r) => (relation === null ? r.type === type : r.id === relation) && r.other.type === far!.type && r.other.id === far!.id) ?? [];
      if (found.length > 0) break;
    }
    if (!view || found.length === 0)
      return el('p', { class: 'message', 'data-evidence-missing': relation ?? type }, `The relation ${relation ?? type} is not in ${ends[0]}'s record.`);
    return el(
      'div',
      {},
      ...found.map((r) =>
        el(
          'section',
          { class: 'evidence-view', 'data-relation-id': r.id, 'data-source': r.provenance.source ?? '' },
          el('h2', {}, `${r.type} ${r.id}`),
          el(
            'p',
            {},
            `${r.direction === 'out' ? 'from' : 'to'} ${view.properties.name ?? view.id} (${view.type} ${view.id}) ${r.direction === 'out' ? 'to' : 'from'} ${r.other.name ?? r.other.id} (${r.other.type} ${r.other.id})`,
          ),
          ...provenance(r.provenance, r.investigations),
          properties(r.properties),
        ),
      ),
    );
  }

  function renderEntity(container: HTMLElement, view: EntityView): HTMLElement {
    const relations = view.relations.map((r) =>
      el(
        'li',
        {},
        `${r.type} ${r.direction === 'out' ? '→' : '←'} `,
        opener.button(container, r.other.name ?? r.other.id, { id: r.other.id, types: [r.other.type] }),
        ` (${r.other.type} ${r.other.id}) · ${gradingCode(r.provenance.grading)} · ${r.provenance.source ?? 'no source'}`,
      ),
    );
    return el(
      'section',
      { class: 'evidence-view', 'data-entity-type': view.type, 'data-entity-id': view.id, 'data-source': view.provenance.source ?? '' },
      el('h2', {}, `${view.type} ${view.id}`),
      ...provenance(view.provenance, view.investigations),
      properties(view.properties),
      el('h3', {}, `Relations (${view.relationCount}${view.relationsTruncated ? ', first shown' : ''})`),
      el('ul', { class: 'search-results' }, ...relations),
    );
  }

  return opener;
}

function provenance(p: ProvenanceView, investigations: readonly string[]): HTMLElement[] {
  return [
    el('p', { class: 'provenance' }, provenanceLine(p)),
    el('p', {}, `Investigations: ${investigations.join(', ') || '–'}`),
    el('details', {}, el('summary', {}, `Versions loaded (${p.history.length})`), el('ul', {}, ...p.history.map((h) => el('li', {}, `${h.at} · ${h.source} · ${h.grading}`)))),
  ];
}

function properties(props: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(props).filter(([, v]) => v !== null && v !== undefined);
  return el('dl', { class: 'properties' }, ...entries.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}
