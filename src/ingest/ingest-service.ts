import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

import { ForbiddenError, MalformedBodyError } from '../errors.js';
import type { IngestRepository } from '../repositories/ingest-repository.js';
import { type IngestHeader, IngestHeaderSchema, RECORD_KIND_NAMES, RECORD_KINDS } from '../schemas/ingest.js';
import type { IngestReport, Rejection } from '../schemas/ingest-report.js';
import { type EdgeListOptions, type EdgeListRows, readEdgeList } from './edge-list.js';
import { IngestInterruptedError, IngestLoader } from './loader.js';
import { readNdjson } from './ndjson.js';
import { type Checked, checkRecord, isRecordKind, joinPath } from './validate.js';

/**
 * The three ways in (a JSON document, NDJSON, CSV) share one path: check every record, then
 * load the valid ones in batches. A stream is first spooled to a temp file while it is
 * checked, so a malformed line is refused with a 400 before anything is written, atomic mode
 * can refuse the whole load, and memory stays flat whatever the size.
 */

export interface IngestOptions {
  batchSize: number;
  maxStreamBytes: number;
}

export interface StreamRecord {
  line: number;
  kind: unknown;
  raw: unknown;
}

/**
 * A principal limited to some investigations (`allowed`; null: all) loads only into those: a
 * header naming another refuses the whole load before anything is written.
 */
export function checkInvestigations(header: IngestHeader, allowed: readonly string[] | null): void {
  if (allowed === null) return;
  const foreign = header.investigations.map((i) => i.id).filter((id) => !allowed.includes(id));
  if (foreign.length > 0) throw new ForbiddenError(`this key may not load into investigation${foreign.length > 1 ? 's' : ''} ${foreign.join(', ')}`);
}

export function createIngestService(repository: IngestRepository, options: IngestOptions) {
  const newLoader = (header: IngestHeader, atomic: boolean) => new IngestLoader(repository, header, options.batchSize, atomic);

  return {
    /** A whole JSON document whose envelope (header, arrays) the route has checked. */
    async ingestDocument(document: IngestHeader & Record<string, unknown>, atomic: boolean, allowed: readonly string[] | null): Promise<IngestReport> {
      checkInvestigations(document, allowed);
      const loader = newLoader(document, atomic);
      const now = new Date().toISOString();
      const valid = [];
      for (const kind of RECORD_KIND_NAMES) {
        const collection = RECORD_KINDS[kind].collection;
        const records = (document[collection] as unknown[] | undefined) ?? [];
        for (const [index, raw] of records.entries()) {
          const checked = checkRecord(kind, raw, document, now);
          if (checked.ok) valid.push(checked);
          else loader.reject(checked.problems.map((problem) => rejection(kind, { index }, checked.id, `${collection}[${index}]`, problem)));
        }
      }
      if (atomic && loader.report.rejected > 0) return refuse(loader.report, valid.length);
      for (const checked of valid) await loader.add(checked);
      return loader.finish();
    },

    /**
     * NDJSON: the first line is the header (`{"kind":"header","investigations":[…],"defaults":{…}}`),
     * then one record a line as `{"kind":"vessel","record":{…}}`. The record is wrapped because
     * several record kinds have a `kind` field of their own (a vessel's is dinghy, engine…).
     */
    async ingestNdjson(body: NodeJS.ReadableStream, atomic: boolean, allowed: readonly string[] | null): Promise<IngestReport> {
      let header: IngestHeader | undefined;
      async function* records(): AsyncGenerator<StreamRecord> {
        for await (const { line, value } of readNdjson(body as never, options.maxStreamBytes)) {
          if (header === undefined) {
            header = parseHeader(value, line);
            continue;
          }
          yield { line, ...recordLine(value) };
        }
        if (header === undefined) throw new MalformedBodyError('the body is empty: line 1 must be the header');
      }
      return this.ingestStream(() => header!, records(), atomic, allowed);
    },

    /**
     * An edge list (CSV): read whole and merged into one link per tie (edge-list.ts), then
     * loaded all or nothing. A bad row refuses the load before anything is written.
     */
    async ingestEdgeList(
      body: Readable,
      header: IngestHeader,
      edgeList: EdgeListOptions,
      allowed: readonly string[] | null,
    ): Promise<{ report: IngestReport; rows: EdgeListRows }> {
      checkInvestigations(header, allowed);
      const { links, badRows, problems, rows } = await readEdgeList(body, edgeList, options.maxStreamBytes);
      if (badRows > 0) {
        const loader = newLoader(header, true);
        loader.report.rejections = problems.map((problem) => ({ kind: 'link', ...problem }));
        loader.report.rejected = badRows;
        return { report: refuse(loader.report, rows.read - badRows), rows };
      }
      const records = (async function* () {
        for (const { line, link } of links) yield { line, kind: 'link', raw: link };
      })();
      return { report: await this.ingestStream(() => header, records, true, allowed), rows };
    },

    /** Records from a stream (NDJSON lines or CSV rows), spooled and checked, then loaded. */
    async ingestStream(headerOf: () => IngestHeader, records: AsyncIterable<StreamRecord>, atomic: boolean, allowed: readonly string[] | null): Promise<IngestReport> {
      const header = () => {
        const known = headerOf();
        checkInvestigations(known, allowed);
        return known;
      };
      const dir = await mkdtemp(join(tmpdir(), 'sna-ingest-'));
      const spool = join(dir, 'records.ndjson');
      try {
        const now = new Date().toISOString();
        const out = createWriteStream(spool);
        // A write error (a full temp disk) must fail this load, not crash the process.
        let spoolError: Error | undefined;
        out.on('error', (error) => (spoolError ??= error));
        let checkedHeader: IngestHeader | undefined;
        let loader: IngestLoader | undefined;
        let valid = 0;
        try {
          for await (const record of records) {
            checkedHeader ??= header();
            loader ??= newLoader(checkedHeader, atomic);
            const checked = check(record, checkedHeader, now);
            if (Array.isArray(checked)) {
              loader.reject(checked);
              continue;
            }
            valid += 1;
            if (spoolError) throw spoolError;
            // Only accepted records are spooled, already checked and completed: pass 2 just loads them.
            // once() rejects if the stream emits 'error' while we wait for 'drain'.
            if (!out.write(`${JSON.stringify(checked)}\n`)) await once(out, 'drain');
          }
        } finally {
          out.end();
          await finished(out).catch((error: Error) => (spoolError ??= error));
        }
        if (spoolError) throw spoolError;
        checkedHeader ??= header();
        loader ??= newLoader(checkedHeader, atomic);
        if (atomic && loader.report.rejected > 0) return refuse(loader.report, valid);
        // The spool holds what pass 1 accepted, as checked: read it without the body's caps.
        try {
          for await (const { value } of readNdjson(createReadStream(spool), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) {
            await loader.add(value as Accepted);
          }
        } catch (error) {
          if (error instanceof IngestInterruptedError) throw error;
          loader.report.status = 'interrupted';
          throw new IngestInterruptedError(loader.report, error);
        }
        return await loader.finish();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;

type Accepted = Extract<Checked, { ok: true }>;

/** The record checked and completed, or its problems as rejections naming its line. */
function check(record: StreamRecord, header: IngestHeader, now: string): Accepted | Rejection[] {
  const where = { line: record.line };
  if (!isRecordKind(record.kind)) {
    return [rejection(String(record.kind ?? ''), where, undefined, '', { path: 'kind', message: `unknown kind: expected one of ${RECORD_KIND_NAMES.join(', ')}` })];
  }
  const checked = checkRecord(record.kind, record.raw, header, now);
  if (checked.ok) return checked;
  return checked.problems.map((problem) => rejection(record.kind as string, where, checked.id, '', problem));
}

function recordLine(value: unknown): { kind: unknown; raw: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: undefined, raw: value };
  const { kind, record, ...rest } = value as Record<string, unknown>;
  // Unknown keys beside kind and record are refused through the record's own check.
  return { kind, raw: Object.keys(rest).length > 0 ? { ...(record as object), ...rest } : record };
}

function parseHeader(value: unknown, line: number): IngestHeader {
  const { kind, ...rest } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (kind !== 'header') throw new MalformedBodyError(`line ${line} must be the header: {"kind":"header","investigations":[{"id":…}]}`);
  const parsed = IngestHeaderSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MalformedBodyError(`line ${line}: header ${joinPath(issue.path) || 'object'}: ${issue.message}`);
  }
  return parsed.data;
}

function rejection(kind: string, where: { index?: number; line?: number }, id: string | undefined, prefix: string, problem: { path: string; message: string }): Rejection {
  const path = [prefix, problem.path].filter((p) => p.length > 0).join(problem.path.startsWith('[') ? '' : '.');
  return { kind, ...where, ...(id !== undefined ? { id } : {}), path, message: problem.message };
}

function refuse(report: IngestReport, validCount: number): IngestReport {
  report.status = 'rejected';
  report.received = report.rejected + validCount;
  report.accepted = 0;
  return report;
}
