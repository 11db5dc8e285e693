import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The audit key: what links the audit chain (chain.ts) and signs its checkpoints
 * (checkpoints.ts). It must live where the database does not: AUDIT_KEY, or the file
 * AUDIT_KEY_FILE, made at the first start (32 random bytes, hex, readable by the owner only)
 * when neither exists. Losing it does not lose the trail, but records can no longer be told
 * genuine; whoever holds both it and the database can rewrite the trail unseen.
 */

export interface AuditKeySettings {
  /** Hex or any text of 32 or more characters. */
  key?: string;
  keyFile: string;
}

export async function loadAuditKey(settings: AuditKeySettings, log: { warn(message: string): void }): Promise<Buffer> {
  if (settings.key) return Buffer.from(settings.key, 'utf8');
  try {
    return Buffer.from((await readFile(settings.keyFile, 'utf8')).trim(), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`audit key: cannot read ${settings.keyFile}: ${(error as Error).message}`, { cause: error });
  }
  const made = randomBytes(32).toString('hex');
  await mkdir(dirname(settings.keyFile), { recursive: true });
  // 'wx': two instances starting together do not overwrite each other's key.
  await writeFile(settings.keyFile, `${made}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  log.warn(`no AUDIT_KEY was set: an audit key was made in ${settings.keyFile}; keep it apart from the database (and backed up): the audit trail can only be verified with it`);
  return Buffer.from((await readFile(settings.keyFile, 'utf8')).trim(), 'utf8');
}
