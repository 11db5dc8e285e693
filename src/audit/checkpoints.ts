import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Checkpoints of the audit chain, kept outside Neo4j: one JSON line per checkpoint (sequence and
 * hash of the head, how many records, when), each signed with the audit key, appended to
 * AUDIT_CHECKPOINT_FILE and never rewritten. A checkpoint says "the chain had N records ending
 * in this hash": verify() holds the chain to every one of them, so records removed from the end,
 * renumbered, or all of them wiped, are found even when what is left links up. Like a certificate
 * transparency log's signed tree heads, they guard against whoever holds the database, not
 * against whoever also holds the key and the file.
 */

export interface Checkpoint {
  seq: number;
  hash: string;
  count: number;
  at: string;
}

export interface CheckpointRead {
  checkpoints: Checkpoint[];
  /** Lines that do not authenticate with the key (edited, or written without it). */
  forged: { line: number; reason: string }[];
}

const signed = (c: Checkpoint) => `${c.seq}\n${c.hash}\n${c.count}\n${c.at}`;

export function createCheckpointFile(file: string, key: Buffer) {
  const mac = (c: Checkpoint) => createHmac('sha256', key).update(signed(c)).digest('hex');
  return {
    file,
    async append(checkpoint: Checkpoint): Promise<void> {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify({ ...checkpoint, mac: mac(checkpoint) })}\n`, { mode: 0o600 });
    },
    async read(): Promise<CheckpointRead> {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], forged: [] };
        throw error;
      }
      const read: CheckpointRead = { checkpoints: [], forged: [] };
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        let parsed: Checkpoint & { mac?: unknown };
        try {
          parsed = JSON.parse(line) as Checkpoint & { mac?: unknown };
        } catch {
          read.forged.push({ line: i + 1, reason: 'not JSON' });
          return;
        }
        const checkpoint = { seq: Number(parsed.seq), hash: String(parsed.hash), count: Number(parsed.count), at: String(parsed.at) };
        const expected = Buffer.from(mac(checkpoint), 'hex');
        const given = typeof parsed.mac === 'string' && /^[0-9a-f]{64}$/.test(parsed.mac) ? Buffer.from(parsed.mac, 'hex') : Buffer.alloc(0);
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          read.forged.push({ line: i + 1, reason: 'its signature does not match (edited, or written without the audit key)' });
        else read.checkpoints.push(checkpoint);
      });
      return read;
    },
  };
}

export type CheckpointFile = ReturnType<typeof createCheckpointFile>;
