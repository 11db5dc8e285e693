import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The audit settings of every service the tests start: one audit key for all of them (they
 * share the run's Neo4j, so the chain must verify with one key), and checkpoint files in the
 * temp folder, one per app, never the project's `.data/`.
 */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

export const testAuditDir = () => join(tmpdir(), 'sna-test-audit');

export function testAuditEnv(): Record<string, string> {
  return { AUDIT_KEY: TEST_AUDIT_KEY, AUDIT_KEY_FILE: join(testAuditDir(), 'unused.key'), AUDIT_CHECKPOINT_FILE: join(testAuditDir(), `${randomUUID()}.jsonl`) };
}
