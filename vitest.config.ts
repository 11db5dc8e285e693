import { join } from 'node:path';

import { defineConfig } from 'vitest/config';

import { TEST_AUDIT_KEY, testAuditDir } from './test/support/audit-env.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Several files start a JVM of their own; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
    // What services the tests spawn (the CLI, the server) inherit: the one audit key, never `.data/`.
    env: { AUDIT_KEY: TEST_AUDIT_KEY, AUDIT_KEY_FILE: join(testAuditDir(), 'unused.key'), AUDIT_CHECKPOINT_FILE: join(testAuditDir(), 'spawned.jsonl') },
  },
});
