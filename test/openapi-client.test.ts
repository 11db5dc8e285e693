import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { buildApp } from '../src/app.js';
import { OPERATIONS } from '../src/plugins/openapi-operations.js';
import { asAdmin, testConfig } from './support/app.js';
import { componentName, type Document, eachOperation } from './support/openapi.js';

const ROOT = join(import.meta.dirname, '..');

/** What a client author writes with openapi-fetch against the generated types: the operations the issue names. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000', headers: { authorization: 'Bearer sna_q7Z2mVx9KcT4bN8rL1wYp6HdF3sJ0aGe5uXiRk' } });

export async function investigate(): Promise<string[]> {
  const found = await client.GET('/v1/entities', { params: { query: { q: 'Rekan Aziz', type: 'person', limit: 20 } } });
  const first = found.data?.items[0];
  const view = await client.GET('/v1/entities/{type}/{id}', { params: { path: { type: 'person', id: first?.id ?? 'P-001' } } });
  const around = await client.GET('/v1/entities/{type}/{id}/network', { params: { path: { type: 'person', id: 'P-001' }, query: { depth: 2, limit: 500 } } });
  const loaded = await client.POST('/v1/ingest', {
    params: { query: { atomic: 'true' } },
    body: {
      investigations: [{ id: 'OP-TIDE', name: 'Operation Tide' }],
      defaults: { source: 'REP-2024-0117', grading: { sourceEvaluation: 2, intelligenceAssessment: 'B', handlingCode: 'P' } },
      people: [{ id: 'P-001', name: 'Rekan Aziz', roles: ['organiser'] }],
    },
  });
  const csv = await client.POST('/v1/ingest/csv/{kind}', {
    params: { path: { kind: 'person' }, query: { investigations: 'OP-TIDE', source: 'REP-2024-0117', grading: '2BP' } },
    body: 'id,name,roles\\nP-014,Dilan Karim,facilitator\\n',
    bodySerializer: (body) => body,
    headers: { 'content-type': 'text/csv' },
  });
  const preview = await client.POST('/v1/analyses/preview', { body: { scope: { investigations: ['OP-TIDE'], minAssessment: 'C' }, parameters: { seed: 42 } } });
  const run = await client.POST('/v1/analyses', { body: { scope: { investigations: ['OP-TIDE'] }, parameters: { seed: 42 }, writeBack: false } });
  const page = await client.GET('/v1/analyses/{id}/rankings', { params: { path: { id: run.data?.id ?? '' }, query: { limit: 10, type: 'person' } } });
  const latest = await client.GET('/v1/rankings/latest', { params: { query: { investigation: ['OP-TIDE', 'OP-WAKE'], limit: 10 } } });
  const plan = await client.POST('/v1/disruption/plan', { body: { scope: { investigations: ['OP-TIDE'] }, k: 3, strategies: ['harm', 'adaptive-betweenness'] } });
  const key = await client.POST('/v1/keys', { body: { name: 'night batch', role: 'analyst', investigations: ['OP-TIDE'] } });
  const keys = await client.GET('/v1/keys');
  const edges = await client.POST('/v1/ingest/csv/links', {
    params: { query: { investigations: 'OP-TIDE', source: 'REP-2024-0117', grading: '2BP', undirected: 'true' } },
    body: 'source,target,weight\\nP-001,P-014,3.5\\n',
    bodySerializer: (body) => body,
    headers: { 'content-type': 'text/csv' },
  });
  const flows = await client.GET('/v1/money/flows', { params: { query: { investigations: 'OP-TIDE', entity: 'person/P-001', via: 'holders', limit: 20 } } });
  const trace = await client.GET('/v1/money/trace', { params: { query: { entity: 'person/P-001', direction: 'backward', hops: 4 } } });
  const paths = await client.GET('/v1/paths', { params: { query: { from: 'person/P-001', to: 'vessel/V-007', k: 3, by: 'strength' } } });
  const audit = await client.GET('/v1/audit', { params: { query: { entity: 'person:P-001', from: '2026-11-01T00:00:00Z', limit: 100 } } });
  const names: (string | null | undefined)[] = [
    view.data?.properties['name'] as string | undefined,
    around.data?.nodes[0]?.name,
    loaded.data?.status,
    csv.data?.ingestId,
    preview.data?.ranking[0]?.name,
    page.data?.items[0]?.explanation[0],
    latest.data?.run.id,
    plan.data?.best?.label,
    key.data?.key,
    keys.data?.[0]?.role,
    audit.data?.items[0]?.route,
    edges.data?.ingestId,
    flows.data?.items[0]?.payer.name,
    flows.data?.topPayees[0]?.converted,
    trace.data?.chains[0]?.hops[0]?.payment,
    paths.data?.paths[0]?.steps[0]?.relations[0]?.type,
  ];
  return names.filter((n): n is string => typeof n === 'string');
}
`;

/** The same client with a misspelt (required) query parameter and a body field no operation takes: it must not compile. */
const WRONG_CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000' });

export async function wrong(): Promise<void> {
  await client.POST('/v1/ingest/csv/{kind}', { params: { path: { kind: 'person' }, query: { investgations: 'OP-TIDE' } }, body: 'id,name\\nP-014,Dilan Karim\\n' });
  await client.POST('/v1/disruption/plan', { body: { scope: { investigations: ['OP-TIDE'] }, budget: 3 } });
}
`;

/** Every zod schema src/schemas exports, by the id the OpenAPI document names it with. */
async function namedZodSchemas(): Promise<Map<string, { file: string; name: string }>> {
  const named = new Map<string, { file: string; name: string }>();
  for (const file of (await readdir(join(ROOT, 'src/schemas'))).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(join(ROOT, 'src/schemas', file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const id = value instanceof z.ZodType ? z.globalRegistry.get(value)?.id : undefined;
      if (id && !named.has(id)) named.set(id, { file: join('src/schemas', file.replace(/\.ts$/, '.js')), name });
    }
  }
  return named;
}

function compile(files: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

/**
 * A client generated from the served document (openapi-typescript, openapi-fetch) type-checks
 * against it, refuses what the routes refuse, and agrees with the zod schemas the routes answer with.
 */
describe('OpenAPI client', () => {
  let app: FastifyInstance;
  let doc: Document;
  let dir: string;

  beforeAll(async () => {
    app = asAdmin(await buildApp(testConfig()));
    await app.ready();
    doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    // defaultNonNullable off: a request field with a default may be left out (openapi-typescript 7 makes it required by default).
    // Inside test/ so that the client resolves openapi-fetch and zod and imports src/ as the service does.
    dir = await mkdtemp(join(ROOT, 'test', '.client-'));
    await writeFile(join(dir, 'api.ts'), astToString(await openapiTS(structuredClone(doc) as never, { defaultNonNullable: false })));
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('compiles a client that calls search, entity, neighbourhood, ingest (JSON, CSV and edge list), preview, runs, rankings, plans, money, paths, keys and audit', async () => {
    await writeFile(join(dir, 'client.ts'), CLIENT);
    expect(compile([join(dir, 'client.ts')])).toEqual([]);
  }, 120_000);

  it('does not compile a client with a misspelt query parameter or a wrong body field, and names them', async () => {
    await writeFile(join(dir, 'wrong.ts'), WRONG_CLIENT);
    const errors = compile([join(dir, 'wrong.ts')]).join('\n');
    // openapi-fetch lets an unknown optional query key through (`limt` beside `q`); a misspelt required one is caught.
    expect(errors).toContain('investgations');
    expect(errors).toContain('budget');
  }, 120_000);

  it('types every 2xx JSON answer as the zod schema the route answers with, in both directions', async () => {
    const named = await namedZodSchemas();
    const lines = [`import type { z } from 'zod';`, `import type { paths } from './api.js';`];
    const unnamed: string[] = [];
    const at: Record<number, string> = {};
    let n = 0;
    for (const { path, method, operation, where } of eachOperation(doc)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.['application/json'];
        if (!/^2/.test(status) || !media) continue;
        const name = componentName(media.schema) ?? componentName(media.schema?.items);
        const schema = name ? named.get(name) : undefined;
        if (!schema) {
          // A file (an export) has no zod schema: plugins/openapi-operations.ts describes it.
          if (!OPERATIONS[`${method.toUpperCase()} ${path}`]?.files) unnamed.push(`${where} ${status}: its schema is not one src/schemas exports with a .meta({ id })`);
          continue;
        }
        const list = media.schema?.type === 'array' ? '[]' : '';
        lines.push(`import type * as M${n} from '${relative(dir, join(ROOT, schema.file))}';`);
        lines.push(`type G${n} = paths['${path}']['${method}']['responses'][${status}]['content']['application/json'];`);
        lines.push(`type Z${n} = z.output<typeof M${n}.${schema.name}>${list};`);
        at[lines.length + 1] = `${where} ${status}: the zod output is not assignable to the generated type`;
        lines.push(`export const forward${n}: G${n} = null as unknown as Z${n};`);
        at[lines.length + 1] = `${where} ${status}: the generated type is not assignable to the zod output`;
        lines.push(`export const back${n}: Z${n} = null as unknown as G${n};`);
        n++;
      }
    }
    await writeFile(join(dir, 'agreement.ts'), lines.join('\n') + '\n');
    const errors = compile([join(dir, 'agreement.ts')]).map((e) => {
      const line = Number(/agreement\.ts:(\d+):/.exec(e)?.[1]);
      return at[line] ? `${at[line]}: ${e}` : e;
    });
    expect(unnamed).toEqual([]);
    expect(errors).toEqual([]);
    expect(n).toBeGreaterThanOrEqual(25);
  }, 120_000);
});
